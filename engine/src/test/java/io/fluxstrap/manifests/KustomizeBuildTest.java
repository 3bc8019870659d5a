package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered folder is what the cluster's kustomize-controller builds: {@code kubectl kustomize}
 * must accept it and yield every object. Installs Debian's kubectl when the machine lacks one.
 */
class KustomizeBuildTest {
  @TempDir Path repo;

  @Test
  void kubectlKustomizeBuildsTheRenderedFolder() throws Exception {
    List<String> all = List.of("source-controller", "kustomize-controller", "helm-controller",
        "notification-controller", "image-reflector-controller", "image-automation-controller");
    for (RenderInput in : List.of(Fixtures.defaults(), Fixtures.with(Fixtures.defaults(), "flux-ops", all))) {
      List<RenderedFile> files = ManifestRenderer.render(in);
      for (RenderedFile f : files) {
        Path p = repo.resolve(in.namespace()).resolve(f.path());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.content(), StandardCharsets.UTF_8);
      }
      Path dir = repo.resolve(in.namespace()).resolve(in.fluxDir());
      String built = run(kubectl(), "kustomize", dir.toString());
      List<ManifestObject> objects = ManifestObjects.split(built, "kubectl kustomize");
      int expected = ManifestObjects.split(files.get(0).content(), "components").size()
          + ManifestObjects.split(files.get(1).content(), "sync").size();
      assertEquals(expected, objects.size(), in.namespace());
      assertTrue(objects.stream().anyMatch(o -> o.kind().equals("GitRepository") && o.name().equals(in.namespace())));
    }
  }

  static String kubectl() throws Exception {
    for (String candidate : List.of("/usr/bin/kubectl", "/usr/local/bin/kubectl")) {
      if (Files.isExecutable(Path.of(candidate))) return candidate;
    }
    if (exit("apt-get", "install", "-y", "-q", "kubernetes-client") != 0) {
      exit("apt-get", "update", "-q");
      assertEquals(0, exit("apt-get", "install", "-y", "-q", "kubernetes-client"), "apt-get install kubernetes-client");
    }
    return "/usr/bin/kubectl";
  }

  private static int exit(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "kubectl finished");
    assertEquals(0, p.exitValue(), String.join(" ", command));
    return out;
  }
}
