package io.fluxstrap.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves the reduced Flux release fixtures of the test tree ({@code releases/<version>/install.yaml}
 * and {@code flux_<version>_checksums.txt}) on 127.0.0.1 the way GitHub serves release assets:
 * {@code <base>/<version>/<asset>}. Point {@code FLUXSTRAP_TEST_RELEASE_MIRROR} at {@link #base()}.
 * {@link #tamper} serves an install.yaml that differs from what the checksums file lists.
 */
public final class ReleaseServer implements AutoCloseable {
  public static final Path RELEASES = releases();

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean tampered;

  public ReleaseServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      requests.add(path);
      Path file = RELEASES.resolve(path.substring(1)).normalize();
      if (!file.startsWith(RELEASES) || !Files.isRegularFile(file)) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      if (tampered && file.getFileName().toString().equals("install.yaml")) {
        body = (new String(body, StandardCharsets.UTF_8) + "# one more line\n").getBytes(StandardCharsets.UTF_8);
      }
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  /** The base URL standing in for {@code https://github.com/fluxcd/flux2/releases/download/}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public ReleaseServer tamper(boolean on) {
    tampered = on;
    return this;
  }

  /** Paths requested so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** A fixture's bytes, e.g. {@code file("v2.9.5", "install.yaml")}. */
  public static byte[] file(String version, String name) {
    try {
      return Files.readAllBytes(RELEASES.resolve(version).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Path releases() {
    try {
      return Path.of(ReleaseServer.class.getResource("/releases").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code URI} of an asset on the real release, which the mirror setting redirects here. */
  public static URI githubAsset(String version, String name) {
    return URI.create("https://github.com/fluxcd/flux2/releases/download/" + version + "/" + name);
  }
}
