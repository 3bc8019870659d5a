package io.fluxstrap.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A managed identity endpoint as App Service, Functions and Container Apps provide it ({@code
 * IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}, API version 2019-08-01): {@code GET
 * ?resource=R&api-version=...} with header {@code X-IDENTITY-HEADER} answers with a token for R.
 * Azure Identity's real ManagedIdentityCredential (through MSAL) asks it. It hands out {@code token}
 * for {@code resource} only, and records the resource of every request.
 */
public final class FakeManagedIdentity implements AutoCloseable {
  private final HttpServer server;
  private final String header;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  private FakeManagedIdentity(String resource, String token, Instant expires, String header) {
    this.header = header;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/msi/token", x -> answer(x, resource, token, expires));
    server.start();
  }

  /** Serves {@code token} (valid until {@code expires}) for {@code resource} to callers presenting {@code header}. */
  public static FakeManagedIdentity issuing(String resource, String token, Instant expires, String header) {
    return new FakeManagedIdentity(resource, token, expires, header);
  }

  /** For {@code IDENTITY_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/msi/token";
  }

  /** The resource asked for by each request, in order. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  private void answer(HttpExchange x, String resource, String token, Instant expires) throws IOException {
    String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
    String wanted = null;
    for (String pair : query.split("&")) {
      if (pair.startsWith("resource=")) wanted = URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
    }
    asked.add(String.valueOf(wanted));
    int status;
    String body;
    if (!header.equals(x.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
      status = 401;
      body = "{\"error\":\"unauthorized\",\"error_description\":\"X-IDENTITY-HEADER missing or wrong\"}";
    } else if (!resource.equals(wanted)) {
      status = 400;
      body = "{\"error\":\"invalid_resource\",\"error_description\":\"no token for resource " + wanted + "\"}";
    } else {
      status = 200;
      body = "{\"access_token\":\"" + token + "\",\"expires_on\":\"" + expires.getEpochSecond() + "\",\"resource\":\"" + resource
          + "\",\"token_type\":\"Bearer\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    try (var out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
