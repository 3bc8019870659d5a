package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ManifestSource;
import io.fluxstrap.testing.ReleaseServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release downloads without a hand-typed checksum: install.yaml is verified against the release's
 * flux_<version>_checksums.txt, both served from the test tree's fixtures by a real HTTP server
 * standing in for GitHub (through the test-only mirror setting).
 */
class ReleaseChecksumsTest {
  @TempDir Path cache;
  private final ReleaseServer releases = new ReleaseServer();

  @AfterEach
  void stop() {
    releases.close();
  }

  private ComponentsSource source() {
    return new ComponentsSource(cache, new HttpFetcher(), URI.create(releases.base()));
  }

  private static ManifestSource.Url release(String version, String sha256) {
    return new ManifestSource.Url(ReleaseServer.githubAsset(version, "install.yaml"), sha256,
        ReleaseServer.githubAsset(version, "flux_" + version.substring(1) + "_checksums.txt"));
  }

  private String listed(String version) {
    return new String(ReleaseServer.file(version, "flux_" + version.substring(1) + "_checksums.txt"), StandardCharsets.UTF_8)
        .substring(0, 64);
  }

  @Test
  void acceptsTheReleaseFileItsChecksumsListAndCachesIt() throws IOException {
    String text = source().load(release("v2.9.5", null));
    assertEquals(new String(ReleaseServer.file("v2.9.5", "install.yaml"), StandardCharsets.UTF_8), text);
    assertEquals(java.util.List.of("/v2.9.5/flux_2.9.5_checksums.txt", "/v2.9.5/install.yaml"), releases.requests());
    assertTrue(Files.isRegularFile(cache.resolve("sha256-" + listed("v2.9.5") + ".yaml")), "the verified file is cached");

    // Offline from now on: the cache knows which verified file this release URL is.
    ComponentsSource offline = new ComponentsSource(cache, uri -> {
      throw new IOException("no network");
    }, URI.create(releases.base()));
    assertEquals(text, offline.load(release("v2.9.5", null)));
  }

  @Test
  void refusesATamperedFileNamingBothSumsAndCachesNothing() throws IOException {
    releases.tamper(true);
    UserException e = assertThrows(UserException.class, () -> source().load(release("v2.7.5", null)));
    byte[] served = (new String(ReleaseServer.file("v2.7.5", "install.yaml"), StandardCharsets.UTF_8) + "# one more line\n")
        .getBytes(StandardCharsets.UTF_8);
    assertTrue(e.getMessage().contains("checksum mismatch for https://github.com/fluxcd/flux2/releases/download/v2.7.5/install.yaml"),
        e.getMessage());
    assertTrue(e.getMessage().contains("flux_2.7.5_checksums.txt lists sha256 " + listed("v2.7.5")), e.getMessage());
    assertTrue(e.getMessage().contains("the downloaded file has sha256 " + ComponentsSource.sha256Hex(served)), e.getMessage());
    try (Stream<Path> left = Files.list(cache)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("sha256-")
          || p.getFileName().toString().startsWith("url-")), "nothing cached");
    } catch (java.nio.file.NoSuchFileException ignored) {
      // no cache folder at all: nothing cached either
    }
  }

  @Test
  void anExplicitSha256WinsAndTheChecksumsFileIsNotRead() {
    String sha = ComponentsSource.sha256Hex(ReleaseServer.file("v2.9.5", "install.yaml"));
    source().load(release("v2.9.5", sha));
    assertEquals(java.util.List.of("/v2.9.5/install.yaml"), releases.requests());

    // ...also when it disagrees with the release: the spec's sum is what is enforced.
    UserException e = assertThrows(UserException.class, () -> source().load(release("v2.7.5", "0".repeat(64))));
    assertTrue(e.getMessage().contains("expected " + "0".repeat(64)), e.getMessage());
  }

  @Test
  void aChecksumsFileWithoutTheAssetIsAClearError() {
    ManifestSource.Url other = new ManifestSource.Url(ReleaseServer.githubAsset("v2.9.5", "manifests.tar.gz"), null,
        ReleaseServer.githubAsset("v2.9.5", "flux_2.9.5_checksums.txt"));
    UserException e = assertThrows(UserException.class, () -> source().load(other));
    assertEquals("https://github.com/fluxcd/flux2/releases/download/v2.9.5/flux_2.9.5_checksums.txt has no checksum for manifests.tar.gz",
        e.getMessage());
  }

  @Test
  void theMirrorIsForLoopbackOnly() {
    assertThrows(UserException.class, () -> new ComponentsSource(cache, new HttpFetcher(), URI.create("https://example.com/")));
  }

  @Test
  void parsesGoreleaserLines() {
    String a = "a".repeat(64);
    String b = "B".repeat(64);
    byte[] sums = (a + "  flux_2.9.5_linux_amd64.tar.gz\n" + b + " *install.yaml\n\n").getBytes(StandardCharsets.UTF_8);
    assertEquals("b".repeat(64), ReleaseChecksums.expected(sums, "install.yaml", "sums"));
    assertThrows(UserException.class, () -> ReleaseChecksums.expected(sums, "manifests.tar.gz", "sums"));
  }
}
