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
}
