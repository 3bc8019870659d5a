package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rendered files against reviewed copies under {@code engine/src/test/resources/manifests/<case>/}.
 * After an intended change, regenerate with {@code -Dfluxstrap.golden.update=true} and review the
 * diff before committing it.
 */
class GoldenFilesTest {
  private static final List<String> ALL = List.of("source-controller", "kustomize-controller", "helm-controller",
      "notification-controller", "image-reflector-controller", "image-automation-controller");

  static RenderInput input(String name) {
    RenderInput d = Fixtures.defaults();
    return switch (name) {
      case "default" -> d;
      case "other-namespace-all-components" -> Fixtures.with(d, "flux-ops", ALL);
      case "root-path-ssh" -> new RenderInput("flux-system", "", "flux-system", "git-ssh",
          "ssh://git@ssh.dev.azure.com/v3/org/project/repo", "release/1.0", "10m", "v2.9.5",
          List.of("source-controller", "kustomize-controller"), d.componentsBundle());
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "other-namespace-all-components", "root-path-ssh"})
  void matchesGolden(String name) throws IOException {
    Path dir = Fixtures.GOLDEN.resolve(name);
    for (RenderedFile f : ManifestRenderer.render(input(name))) {
      Path golden = dir.resolve(f.path());
      if (Boolean.getBoolean("fluxstrap.golden.update")) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, f.content(), StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(golden, StandardCharsets.UTF_8), f.content(), golden.toString());
    }
  }
}
