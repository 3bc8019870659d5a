package io.fluxstrap.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting front for a Kubernetes API stand-in: a plain HTTP reverse proxy on 127.0.0.1
 * that passes every request to the API server behind it, except the chosen ones, which it answers
 * with an error status (500, 409, ...) or by closing the connection without an answer (a dropped
 * connection: the request may or may not have reached the server). Rules match a method and a path
 * prefix, for the next {@code times} matching requests (or all of them).
 */
public final class FaultyApiFront implements AutoCloseable {
  /** Close the connection instead of answering. */
  public static final int DROP = -1;
  /** Fault every matching request from now on. */
  public static final int ALWAYS = Integer.MAX_VALUE;

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date", "from", "via", "warning");

  private final HttpServer server;
  private final String target;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> faulted = new CopyOnWriteArrayList<>();

  private FaultyApiFront(String target) throws IOException {
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "faulty-api-front");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Starts a front for the API server at {@code targetUrl}. */
  public static FaultyApiFront in(String targetUrl) {
    try {
      return new FaultyApiFront(targetUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers the next {@code times} {@code method} requests under {@code pathPrefix} with {@code code} (or {@link #DROP}). */
  public FaultyApiFront fail(String method, String pathPrefix, int code, int times) {
    rules.add(new Rule(method.toUpperCase(Locale.ROOT), pathPrefix, code, new AtomicInteger(times)));
    return this;
  }

  public void clear() {
    rules.clear();
  }

  /** The requests faulted so far, as {@code "METHOD path -> code"}. */
  public List<String> faulted() {
    return List.copyOf(faulted);
  }

  /** A kubeconfig whose only context points at this front. */
  public Path kubeconfig(Path dir) {
    try {
      Path file = dir.resolve("front-kubeconfig");
      Files.writeString(file, """
          apiVersion: v1
          kind: Config
          clusters:
          - {name: front, cluster: {server: "%s"}}
          users:
          - {name: front, user: {token: not-a-real-token}}
          contexts:
          - {name: front, context: {cluster: front, user: front, namespace: default}}
          current-context: front
          """.formatted(url()));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      for (Rule r : rules) {
        if (r.method().equals(method) && path.startsWith(r.pathPrefix()) && r.remaining().getAndDecrement() > 0) {
          faulted.add(method + " " + path + " -> " + (r.code() == DROP ? "dropped" : r.code()));
          if (r.code() == DROP) return; // closing an exchange that sent no headers closes the connection
          byte[] status = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\""
              + (r.code() == 409 ? "Conflict" : "InternalError") + "\",\"code\":" + r.code()
              + ",\"message\":\"injected fault on " + method + " " + path + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(r.code(), status.length);
          exchange.getResponseBody().write(status);
          return;
        }
      }
      forward(exchange, method, body);
    }
  }

  private void forward(HttpExchange exchange, String method, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
    });
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    response.headers().map().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
    });
    try (InputStream in = response.body()) {
      byte[] bytes = in.readAllBytes();
      exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private record Rule(String method, String pathPrefix, int code, AtomicInteger remaining) {}
}
