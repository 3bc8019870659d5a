package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.kube.ApplyManifestsFixture;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the sandbox's API: discovery, get and server-side apply. */
class KubectlTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void installKubectl() throws Exception {
    if (Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
      return;
    }
    if (run(List.of("apt-get", "install", "-y", "kubernetes-client"), "").exit() != 0) {
      run(List.of("apt-get", "update"), "");
      Result install = run(List.of("apt-get", "install", "-y", "kubernetes-client"), "");
      assertEquals(0, install.exit(), "cannot install kubectl: " + install.output());
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    return new Result(process.exitValue(), output);
  }

  private static String kubectl(MockCluster mock, String stdin, String... args) throws Exception {
    Path kubeconfig = Files.writeString(tmp.resolve("empty-kubeconfig"), "");
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig,
        "--cache-dir=" + tmp.resolve("cache"), "--server=" + mock.url()));
    command.addAll(List.of(args));
    Result result = run(command, stdin);
    assertEquals(0, result.exit(), String.join(" ", args) + ": " + result.output());
    return result.output().trim();
  }

  @Test
  void kubectlDiscoversGetsAndAppliesServerSide() throws Exception {
    try (MockCluster mock = MockCluster.withControllers(RevisionSource.NONE)) {
      mock.cluster().applyManifests(ApplyManifestsFixture.bundle(), Cluster.ApplyListener.NONE);

      assertTrue(kubectl(mock, "", "get", "namespaces", "-o", "name").contains("namespace/flux-system"));
      assertEquals(List.of("kustomize-controller", "source-controller"), List.of(kubectl(mock, "", "get",
          "deployments", "-n", "flux-system", "-o", "jsonpath={.items[*].metadata.name}").split(" ")).stream()
          .sorted().toList());
      assertEquals("customresourcedefinition.apiextensions.k8s.io/gitrepositories.source.toolkit.fluxcd.io",
          kubectl(mock, "", "get", "crd", "gitrepositories.source.toolkit.fluxcd.io", "-o", "name"));

      kubectl(mock, """
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: GitRepository
          metadata: {name: podinfo, namespace: flux-system}
          spec: {url: "https://example.com/podinfo", interval: 5m}
          """, "apply", "--server-side", "--validate=false", "-f", "-");

      assertEquals("https://example.com/podinfo", kubectl(mock, "", "get", "gitrepo", "-n", "flux-system",
          "podinfo", "-o", "jsonpath={.spec.url}"));
      assertEquals("https://example.com/podinfo", ((java.util.Map<?, ?>) mock.cluster()
          .get("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "podinfo").orElseThrow()
          .get("spec")).get("url"));
    }
  }
}
