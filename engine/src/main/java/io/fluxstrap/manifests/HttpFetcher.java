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
 */
public final class HttpFetcher implements ComponentsSource.Fetcher {
  /** A Flux release's install.yaml is a few MiB; anything far larger is not one. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  public HttpFetcher(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  public HttpFetcher() {
    this(Duration.ofSeconds(60));
  }

  @Override
  public byte[] fetch(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "fluxstrap").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
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
