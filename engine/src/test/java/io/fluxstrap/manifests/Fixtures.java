package io.fluxstrap.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped sandbox bundle and typical render inputs. */
final class Fixtures {
  private Fixtures() {}

  static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final Path SANDBOX_BUNDLE = ROOT.resolve("examples/manifests/flux-v2.9.5-sandbox.yaml");
  static final Path GOLDEN = ROOT.resolve("engine/src/test/resources/manifests");
  static final String AZURE_URL = "https://dev.azure.com/org/project/_git/repo";

  static String sandboxBundle() {
    return read(SANDBOX_BUNDLE);
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code flux bootstrap git --path=clusters/my-cluster} renders by default. */
  static RenderInput defaults() {
    return new RenderInput("clusters/my-cluster/flux-system", "clusters/my-cluster", "flux-system", "flux-system",
        AZURE_URL, "main", "1m0s", "v2.9.5",
        List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller"),
        sandboxBundle());
  }

  static RenderInput with(RenderInput in, String namespace, List<String> components) {
    return new RenderInput(in.fluxDir(), in.syncPath(), namespace, in.secretName(), in.url(), in.branch(),
        in.interval(), in.version(), components, in.componentsBundle());
  }
}
