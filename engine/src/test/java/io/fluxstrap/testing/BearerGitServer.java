package io.fluxstrap.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A smart-HTTP Git server on 127.0.0.1 that accepts only {@code Authorization: Bearer <token>} for
 * the tokens it was told to accept, each until its expiry (as Azure DevOps does with Entra ID
 * tokens; lighttpd cannot check a bearer token). It is a small front, the JDK's HTTP server,
 * running the real {@code git http-backend} as a CGI program for every accepted request; anything
 * else gets 401 with {@code WWW-Authenticate: Bearer}. Records the tokens it was shown.
 */
public final class BearerGitServer implements AutoCloseable {
  private static final Path BACKEND = Path.of("/usr/lib/git-core/git-http-backend");

  private final Path root;
  private final HttpServer server;
  private final Map<String, Instant> accepted = new ConcurrentHashMap<>();
  private final List<String> presented = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final Map<String, String> readOnly = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;

  private BearerGitServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/git/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bearer-git");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public static BearerGitServer start(Path root) {
    DebianPackages.ensure(List.of(BACKEND), "git");
    try {
      Files.createDirectories(root.resolve("repos"));
      return new BearerGitServer(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accept {@code token} until {@code until}. */
  public void accept(String token, Instant until) {
    accepted.put(token, until);
  }

  /**
   * Also accept HTTP Basic with this user and PAT, for fetching only (a PAT with Code (Read)); a push
   * with it gets 403, as Azure DevOps answers a read-only PAT.
   */
  public void acceptReadOnlyPat(String user, String pat) {
    readOnly.put(java.util.Base64.getEncoder().encodeToString((user + ":" + pat).getBytes(StandardCharsets.UTF_8)), user);
  }

  /** The next request waits this long before it is checked (a slow server, so a run outlives a token's half-life). */
  public void delayNextRequest(Duration d) {
    delay = d;
  }

  /** The bearer tokens accepted, in order of the requests (repeats included). */
  public List<String> presented() {
    return List.copyOf(presented);
  }

  /** Requests refused: what their Authorization header held ("none" when absent). */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  public String url(String repo) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repo;
  }

  public Path createBareRepo(String name) {
    Path dir = root.resolve("repos").resolve(name);
    Exec.run(null, Map.of(), Duration.ofSeconds(30), List.of("git", "init", "--bare", "-q", "-b", "main", dir.toString())).stdoutOrThrow();
    Exec.run(dir, Map.of(), Duration.ofSeconds(30), List.of("git", "config", "http.receivepack", "true")).stdoutOrThrow();
    return dir;
  }

  public Path repoPath(String name) {
    return root.resolve("repos").resolve(name);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Duration wait = delay;
      delay = Duration.ZERO;
      if (!wait.isZero()) Thread.sleep(wait.toMillis());
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null && auth.startsWith("Basic ") && readOnly.containsKey(auth.substring("Basic ".length()))) {
        String q = ex.getRequestURI().toString();
        if (q.contains("git-receive-pack")) {
          ex.sendResponseHeaders(403, -1);
          return;
        }
        cgi(ex);
        return;
      }
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
      Instant until = token == null ? null : accepted.get(token);
      if (until == null || !Instant.now().isBefore(until)) {
        refused.add(auth == null ? "none" : auth);
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\""); // as Azure DevOps, which takes PATs too
        ex.sendResponseHeaders(401, -1);
        return;
      }
      presented.add(token);
      cgi(ex);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One CGI run of git http-backend: request body on stdin, headers then body on stdout. */
  private void cgi(HttpExchange ex) throws IOException, InterruptedException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String path = ex.getRequestURI().getRawPath().substring("/git".length());
    ProcessBuilder pb = new ProcessBuilder(BACKEND.toString());
    Map<String, String> env = pb.environment();
    env.put("GIT_PROJECT_ROOT", root.resolve("repos").toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("REMOTE_USER", "entra");
    env.put("REMOTE_ADDR", "127.0.0.1");
    env.put("REQUEST_METHOD", ex.getRequestMethod());
    env.put("PATH_INFO", path);
    env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
    env.put("CONTENT_LENGTH", Integer.toString(body.length));
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null) env.put("CONTENT_TYPE", type);
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null) env.put("HTTP_CONTENT_ENCODING", encoding);
    String protocol = ex.getRequestHeaders().getFirst("Git-Protocol");
    if (protocol != null) env.put("GIT_PROTOCOL", protocol);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(body);
    }
    byte[] out;
    try (InputStream o = p.getInputStream()) {
      out = o.readAllBytes();
    }
    p.getErrorStream().readAllBytes();
    p.waitFor();
    int split = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int skip = 4;
    if (split < 0) {
      split = indexOf(out, "\n\n".getBytes(StandardCharsets.US_ASCII));
      skip = 2;
    }
    if (split < 0) {
      ex.sendResponseHeaders(500, -1);
      return;
    }
    int status = 200;
    for (String line : new String(out, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) continue;
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) status = Integer.parseInt(value.split(" ")[0]);
      else ex.getResponseHeaders().add(name, value);
    }
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    rest.write(out, split + skip, out.length - split - skip);
    byte[] bytes = rest.toByteArray();
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(bytes);
      }
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
