package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ManifestSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on 127.0.0.1 serving the sandbox bundle. */
class ComponentsSourceTest {
  @TempDir Path cache;
  @TempDir Path files;
  private HttpServer server;
  private final AtomicInteger bundleRequests = new AtomicInteger();
  private final String bundle = Fixtures.sandboxBundle();
  private final byte[] bundleBytes = bundle.getBytes(StandardCharsets.UTF_8);
  private final String sha = ComponentsSource.sha256Hex(bundleBytes);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/install.yaml", ex -> {
      bundleRequests.incrementAndGet();
      ex.sendResponseHeaders(200, bundleBytes.length);
      ex.getResponseBody().write(bundleBytes);
      ex.close();
    });
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "/install.yaml");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private ComponentsSource source() {
    return new ComponentsSource(cache, new HttpFetcher(Duration.ofSeconds(10)));
  }

  @Test
  void downloadsOnceAndThenReadsTheCache() {
    assertEquals(bundle, source().load(new ManifestSource.Url(url("/install.yaml"), sha)));
    assertEquals(bundle, source().load(new ManifestSource.Url(url("/install.yaml"), "sha256:" + sha.toUpperCase())));
    assertEquals(1, bundleRequests.get(), "second load served from the cache");
    assertTrue(Files.isRegularFile(cache.resolve("sha256-" + sha + ".yaml")));
  }

  @Test
  void followsRedirects() {
    assertEquals(bundle, source().load(new ManifestSource.Url(url("/moved"), sha)));
  }

  @Test
  void checksumMismatchIsRefusedAndNothingIsCached() throws IOException {
    String wrong = "0".repeat(64);
    UserException e = assertThrows(UserException.class,
        () -> source().load(new ManifestSource.Url(url("/install.yaml"), wrong)));
    assertEquals("checksum mismatch for " + url("/install.yaml") + ": expected " + wrong + ", got " + sha, e.getMessage());
    assertEquals(List.of(), list(cache));
  }

  @Test
  void notFoundIsAUserError() throws IOException {
    UserException e = assertThrows(UserException.class,
        () -> source().load(new ManifestSource.Url(url("/v9.9.9/install.yaml"), sha)));
    assertEquals("could not download " + url("/v9.9.9/install.yaml") + ": HTTP 404", e.getMessage());
    assertEquals(List.of(), list(cache));
  }

  @Test
  void corruptedCacheIsDownloadedAgain() throws IOException {
    source().load(new ManifestSource.Url(url("/install.yaml"), sha));
    Path cached = cache.resolve("sha256-" + sha + ".yaml");
    Files.writeString(cached, "apiVersion: v1\nkind: Namespace\nmetadata: {name: evil}\n");
    assertEquals(bundle, source().load(new ManifestSource.Url(url("/install.yaml"), sha)));
    assertEquals(2, bundleRequests.get());
    assertEquals(bundle, Files.readString(cached));
  }

  @Test
  void plainHttpOnlyToThisMachine() {
    ComponentsSource offline = new ComponentsSource(cache, uri -> {
      throw new AssertionError("must not fetch " + uri);
    });
    UserException e = assertThrows(UserException.class,
        () -> offline.load(new ManifestSource.Url(URI.create("http://example.com/install.yaml"), sha)));
    assertEquals("refusing to download http://example.com/install.yaml: only https URLs are allowed", e.getMessage());
    assertThrows(UserException.class,
        () -> offline.load(new ManifestSource.Url(URI.create("ftp://127.0.0.1/install.yaml"), sha)));
    ComponentsSource stub = new ComponentsSource(cache, uri -> bundleBytes);
    assertEquals(bundle, stub.load(new ManifestSource.Url(URI.create("https://github.com/fluxcd/flux2/install.yaml"), sha)));
  }

  @Test
  void messagesNeverShowUrlCredentials() {
    URI secretUrl = URI.create("http://user:s3cr3t@127.0.0.1:" + server.getAddress().getPort() + "/nope?token=t0ken");
    UserException e = assertThrows(UserException.class, () -> source().load(new ManifestSource.Url(secretUrl, sha)));
    assertFalse(e.getMessage().contains("s3cr3t") || e.getMessage().contains("t0ken"), e.getMessage());
    assertTrue(e.getMessage().contains("/nope"), e.getMessage());
  }

  @Test
  void malformedChecksumIsAUserError() {
    UserException e = assertThrows(UserException.class,
        () -> source().load(new ManifestSource.Url(url("/install.yaml"), "abc")));
    assertTrue(e.getMessage().startsWith("invalid sha256 for "), e.getMessage());
    assertEquals(0, bundleRequests.get());
  }

  @Test
  void localFileIsReadAndVerifiedWhenPinned() throws IOException {
    Path file = files.resolve("install.yaml");
    Files.write(file, bundleBytes);
    assertEquals(bundle, source().load(new ManifestSource.File(file, null)));
    assertEquals(bundle, source().load(new ManifestSource.File(file, sha)));
    UserException e = assertThrows(UserException.class,
        () -> source().load(new ManifestSource.File(file, "1".repeat(64))));
    assertTrue(e.getMessage().startsWith("checksum mismatch for " + file), e.getMessage());
    UserException missing = assertThrows(UserException.class,
        () -> source().load(new ManifestSource.File(files.resolve("nope.yaml"), null)));
    assertTrue(missing.diagnostics().get(0).render().contains("nope.yaml: error: components file not found"),
        missing.diagnostics().get(0).render());
  }

  @Test
  void cacheDirFollowsTheEnvironment() {
    assertEquals(Path.of("/c/own"), ComponentsSource.defaultCacheDir(
        Map.of("FLUXSTRAP_CACHE_DIR", "/c/own", "XDG_CACHE_HOME", "/xdg", "HOME", "/home/u")));
    assertEquals(Path.of("/xdg/fluxstrap"), ComponentsSource.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/xdg", "HOME", "/home/u")));
    assertEquals(Path.of("/home/u/.cache/fluxstrap"), ComponentsSource.defaultCacheDir(
        Map.of("XDG_CACHE_HOME", "relative", "HOME", "/home/u")));
    assertEquals(Path.of("/home/u/.cache/fluxstrap"), ComponentsSource.defaultCacheDir(Map.of("HOME", "/home/u")));
    assertEquals(Path.of(System.getProperty("user.home"), ".cache", "fluxstrap"), ComponentsSource.defaultCacheDir(Map.of()));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
