package io.fluxstrap.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.sandbox.RevisionSource;
import io.fluxstrap.spec.KubeTarget;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultClusterConnectorTest {
  @TempDir Path tmp;

  private static DefaultClusterConnector connector(Map<String, String> env) {
    return new DefaultClusterConnector(env, RevisionSource.NONE);
  }

  @Test
  void connectsThroughAKubeconfigContext() {
    try (MockCluster mock = MockCluster.start();
        Cluster cluster = connector(Map.of()).connect(new KubeTarget.Kubeconfig(mock.kubeconfig(), "mock"))) {
      assertEquals(mock.cluster().identity(), cluster.identity());
    }
  }

  @Test
  void aNullFileMeansKubeconfigFromTheEnvironmentAndANullContextTheCurrentOne() {
    try (MockCluster mock = MockCluster.start();
        Cluster cluster = connector(Map.of("KUBECONFIG", tmp.resolve("absent") + java.io.File.pathSeparator
            + mock.kubeconfig())).connect(new KubeTarget.Kubeconfig(null, null))) {
      assertEquals(mock.url(), cluster.identity().server());
    }
  }

  @Test
  void withoutKubeconfigVariableTheHomeConfigIsUsed() throws IOException {
    try (MockCluster mock = MockCluster.start()) {
      Files.createDirectories(tmp.resolve(".kube"));
      Files.copy(mock.kubeconfig(), tmp.resolve(".kube/config"));
      try (Cluster cluster = connector(Map.of("HOME", tmp.toString())).connect(new KubeTarget.Kubeconfig(null, null))) {
        assertEquals(mock.url(), cluster.identity().server());
      }
    }
  }

  @Test
  void aMissingKubeconfigIsAUserErrorNamingTheFile() {
    Path missing = tmp.resolve("nope/config");

    UserException e = assertThrows(UserException.class,
        () -> connector(Map.of()).connect(new KubeTarget.Kubeconfig(missing, null)));

    assertTrue(e.getMessage().startsWith("kubeconfig " + missing + " not found"), e.getMessage());
  }

  @Test
  void anUnknownContextIsAUserErrorListingTheContexts() throws IOException {
    Path file = tmp.resolve("config");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: a, cluster: {server: "http://127.0.0.1:1"}}
        users:
        - {name: u, user: {token: t}}
        contexts:
        - {name: dev, context: {cluster: a, user: u}}
        - {name: prod, context: {cluster: a, user: u}}
        """);

    UserException unknown = assertThrows(UserException.class,
        () -> connector(Map.of()).connect(new KubeTarget.Kubeconfig(file, "staging")));
    UserException noCurrent = assertThrows(UserException.class,
        () -> connector(Map.of()).connect(new KubeTarget.Kubeconfig(file, null)));

    assertEquals("context 'staging' not found in kubeconfig " + file + "; its contexts are: dev, prod",
        unknown.getMessage());
    assertEquals("kubeconfig " + file + " has no current-context; name a context in the spec (its contexts are:"
        + " dev, prod)", noCurrent.getMessage());
  }

  @Test
  void anUnreachableServerFailsQuicklyNamingTheServer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path file = tmp.resolve("config");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: gone, cluster: {server: "http://127.0.0.1:%d"}}
        users:
        - {name: u, user: {token: t}}
        contexts:
        - {name: gone, context: {cluster: gone, user: u}}
        current-context: gone
        """.formatted(closedPort));

    try (Cluster cluster = connector(Map.of()).connect(new KubeTarget.Kubeconfig(file, null))) {
      KubeFailure failure = assertThrows(KubeFailure.Unreachable.class, cluster::identity);
      assertTrue(failure.getMessage().startsWith("cannot reach the Kubernetes API server at http://127.0.0.1:"
          + closedPort + " to read Namespace kube-system: connection refused"), failure.getMessage());
    }
  }

  @Test
  void theSandboxTargetStartsALocalStandInAndPersistsItOnClose() {
    Path dir = tmp.resolve("sandbox");
    String uid;
    try (Cluster cluster = connector(Map.of()).connect(new KubeTarget.Sandbox(dir))) {
      uid = cluster.identity().uid();
      assertTrue(cluster.identity().server().startsWith("http://127.0.0.1:"));
      cluster.applyNamespace("flux-system");
      UserException busy = assertThrows(UserException.class,
          () -> connector(Map.of()).connect(new KubeTarget.Sandbox(dir)));
      assertEquals("the sandbox in " + dir + " is in use by another fluxstrap process", busy.getMessage());
    }
    try (Cluster again = connector(Map.of()).connect(new KubeTarget.Sandbox(dir))) {
      assertEquals(uid, again.identity().uid());
      assertTrue(again.namespaceExists("flux-system"));
    }
  }

  @Test
  void plansReadTheSandboxWhileAnApplyHasItOpenAndWriteNothing() throws IOException {
    Path dir = tmp.resolve("sandbox");
    try (Cluster planned = connector(Map.of()).forPlanning().connect(new KubeTarget.Sandbox(dir))) {
      assertTrue(!planned.namespaceExists("flux-system"));
    }
    assertTrue(Files.notExists(dir), "a plan creates no sandbox");
    try (Cluster applying = connector(Map.of()).connect(new KubeTarget.Sandbox(dir))) {
      applying.applyNamespace("flux-system");
      Path objects = dir.resolve("objects.json");
      byte[] before = Files.readAllBytes(objects);
      var modified = Files.getLastModifiedTime(objects);
      for (DefaultClusterConnector reader : List.of(connector(Map.of()).forPlanning(), connector(Map.of()).readOnly())) {
        try (Cluster reading = reader.connect(new KubeTarget.Sandbox(dir))) {
          assertTrue(reading.namespaceExists("flux-system"), "reads what the apply wrote");
          assertEquals(applying.identity().uid(), reading.identity().uid(), "the same sandbox");
        }
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(objects), "objects.json untouched");
      assertEquals(modified, Files.getLastModifiedTime(objects));
      applying.applyNamespace("after-the-plan"); // the apply still owns it
    }
  }

  @Test
  void severalKubeconfigFilesAreMergedLikeKubectlDoes() throws IOException {
    try (MockCluster mock = MockCluster.start()) {
      // The first file only names the current context; the second defines it (kubectl's merge rules).
      Path first = tmp.resolve("first.yaml");
      Files.writeString(first, """
          apiVersion: v1
          kind: Config
          current-context: mock
          contexts:
          - name: other
            context: {cluster: nowhere, user: nobody}
          clusters:
          - name: nowhere
            cluster: {server: "https://127.0.0.1:1"}
          users:
          - name: nobody
            user: {token: x}
          """);
      Path second = mock.kubeconfig();
      Map<String, String> env = Map.of("KUBECONFIG", first + java.io.File.pathSeparator + tmp.resolve("absent") + java.io.File.pathSeparator + second);
      try (Cluster cluster = connector(env).connect(new KubeTarget.Kubeconfig(null, null))) {
        assertEquals(mock.url(), cluster.identity().server());
      }
      UserException e = assertThrows(UserException.class, () -> connector(env).connect(new KubeTarget.Kubeconfig(null, "missing")));
      assertTrue(e.getMessage().contains("its contexts are: other, mock"), e.getMessage());
    }
  }

  @Test
  void relativeFileReferencesAreResolvedAgainstTheirOwnFile() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("nested"));
    Files.writeString(dir.resolve("k.yaml"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "https://127.0.0.1:1", certificate-authority: certs/ca.pem}
        users:
        - name: u
          user: {client-certificate: /abs/cert.pem, tokenFile: tok}
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        """);
    KubeconfigFile merged = KubeconfigFile.read(dir.resolve("k.yaml"));
    assertTrue(merged.yaml().contains(dir.resolve("certs/ca.pem").toString()), merged.yaml());
    assertTrue(merged.yaml().contains(dir.resolve("tok").toString()), merged.yaml());
    assertTrue(merged.yaml().contains("/abs/cert.pem"), merged.yaml());
  }
}
