package io.fluxstrap.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads over {@code java.net.http}: bounded time and size, redirects followed except from
 * HTTPS to HTTP. Which URLs may be fetched at all is {@link ComponentsSource}'s decision.
 *
 * <p>The client (and with it the TLS set-up, ~0.3-0.6 s of a CLI run) is created on the first
 * download only: a spec with local manifests, or a cached release, never pays for it.
 */
public final class HttpFetcher implements ComponentsSource.Fetcher {
  /** A Flux release's install.yaml is a few MiB; anything far larger is not one. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Duration timeout;
  private HttpClient client;

  public HttpFetcher(Duration timeout) {
    this.timeout = timeout;
  }

  /** Created once, on first use; shared by every later download through this fetcher. */
  private synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }
    return client;
  }

  public HttpFetcher() {
    this(Duration.ofSeconds(60));
  }

  @Override
  public byte[] fetch(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "fluxstrap").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
      byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
      return bytes;
    }
  }
}
