package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real smart-HTTP Git server on 127.0.0.1: Debian {@code lighttpd} running {@code
 * git-http-backend} as CGI, with Basic auth required for every request (fetch and push), so a
 * wrong or missing token is refused as a hosted server would. Repositories live under a temporary
 * project root and are served at {@code <base>/git/<name>}.
 *
 * <p>{@link #shared()} starts one plain-HTTP server per JVM (tests then create their own,
 * uniquely named repositories on it); {@link #start()} and {@link #startHttps()} start a private
 * one that {@link #close()} stops. lighttpd is installed with apt when missing.
 */
public final class GitHttpServer implements AutoCloseable {
  public static final String USERNAME = "git";
  /** A user whose token may fetch but not push, like a PAT with Code (Read) scope only. */
  public static final String READER = "reader";
  private static final Path LIGHTTPD = Path.of("/usr/sbin/lighttpd");
  private static final Path BACKEND = Path.of("/usr/lib/git-core/git-http-backend");
  private static final Path MOD_OPENSSL = Path.of("/usr/lib/lighttpd/mod_openssl.so");
  private static final Duration STARTUP = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static GitHttpServer shared;

  private final Path root;
  private volatile String token;
  private final String readerToken;
  private final int port;
  private final boolean https;
  private final boolean isShared;
  private final Process process;

  private GitHttpServer(
      Path root, String token, String readerToken, int port, boolean https, boolean isShared, Process process) {
    this.root = root;
    this.token = token;
    this.readerToken = readerToken;
    this.port = port;
    this.https = https;
    this.isShared = isShared;
    this.process = process;
  }

  /** The JVM-wide plain-HTTP server; never close it (a shutdown hook does). */
  public static synchronized GitHttpServer shared() {
    if (shared == null || !shared.process.isAlive()) {
      shared = launch(false, true);
      GitHttpServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
    }
    return shared;
  }

  /** A private plain-HTTP server. */
  public static GitHttpServer start() {
    return launch(false, false);
  }

  /** A private HTTPS server whose certificate is signed by a fresh test CA ({@link #caFile()}). */
  public static GitHttpServer startHttps() {
    return launch(true, false);
  }

  /** The token (Basic auth password) the server accepts for user {@value #USERNAME}. */
  public String token() {
    return token;
  }

  /**
   * Issues a new token for user {@value #USERNAME} and revokes the old one, as a user rotating a
   * PAT would (lighttpd reads the user file on every request). Private servers only: the shared
   * one serves other tests.
   */
  public String rotateToken() {
    if (isShared) throw new IllegalStateException("rotate tokens on a private server only");
    String next = randomToken();
    try {
      Files.writeString(root.resolve("users"), USERNAME + ":" + next + "\n" + READER + ":" + readerToken + "\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    token = next;
    return next;
  }

  /** The token of user {@value #READER}, who may fetch but is refused every push. */
  public String readerToken() {
    return readerToken;
  }

  public String username() {
    return USERNAME;
  }

  public int port() {
    return port;
  }

  /** The URL of repository {@code name}, without credentials. */
  public String url(String name) {
    return (https ? "https" : "http") + "://127.0.0.1:" + port + "/git/" + name;
  }

  /** The URL with the credentials embedded, for the {@code git} CLI. */
  public String authUrl(String name) {
    return (https ? "https" : "http") + "://" + USERNAME + ":" + token + "@127.0.0.1:" + port + "/git/" + name;
  }

  /** PEM file of the CA that signed this server's certificate (HTTPS servers only). */
  public Path caFile() {
    if (!https) {
      throw new IllegalStateException("plain HTTP server has no CA");
    }
    return root.resolve("tls/ca.pem");
  }

  /** A repository name no other test in this JVM uses. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet() + "-" + ProcessHandle.current().pid() + ".git";
  }

  /** Path of repository {@code name} on disk (it may not exist). */
  public Path repoPath(String name) {
    return root.resolve("repos").resolve(name);
  }

  /**
   * Creates an empty bare repository {@code name} whose HEAD is {@code main}, with {@code
   * http.receivepack} on (pushes still need the token: the server requires auth for all requests).
   */
  public Path createBareRepo(String name) {
    Path dir = repoPath(name);
    if (Files.exists(dir)) {
      throw new IllegalStateException("repository exists: " + dir);
    }
    GitCli.bare().run(null, "init", "--bare", "--quiet", "--initial-branch=main", dir.toString()).stdoutOrThrow();
    GitCli.bare().run(dir, "config", "http.receivepack", "true").stdoutOrThrow();
    return dir;
  }

  @Override
  public void close() {
    if (!isShared) {
      stop();
    }
  }

  private void stop() {
    Exec.stop(process);
    TempDirs.deleteQuietly(root);
  }

  private static GitHttpServer launch(boolean https, boolean isShared) {
    DebianPackages.ensure(
        https ? List.of(LIGHTTPD, MOD_OPENSSL) : List.of(LIGHTTPD),
        https ? new String[] {"lighttpd", "lighttpd-mod-openssl"} : new String[] {"lighttpd"});
    if (!Files.isExecutable(BACKEND)) {
      DebianPackages.ensure(List.of(BACKEND), "git");
    }
    try {
      Path root = Files.createTempDirectory("git-http-");
      Files.createDirectories(root.resolve("repos"));
      Files.createDirectories(root.resolve("www"));
      String token = randomToken();
      String readerToken = randomToken();
      Files.writeString(root.resolve("users"), USERNAME + ":" + token + "\n" + READER + ":" + readerToken + "\n");
      if (https) {
        TestCertificates.write(root.resolve("tls"));
      }
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Path conf = root.resolve("lighttpd.conf");
        Files.writeString(conf, config(root, port, https));
        Process p =
            new ProcessBuilder(LIGHTTPD.toString(), "-D", "-f", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("lighttpd.out").toFile())
                .start();
        if (awaitListening(p, port)) {
          return new GitHttpServer(root, token, readerToken, port, https, isShared, p);
        }
        p.destroyForcibly();
        last = new IllegalStateException("lighttpd did not start on port " + port + ":\n" + logs(root));
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String config(Path root, int port, boolean https) {
    String tls =
        https
            ? """
              server.modules += ( "mod_openssl" )
              ssl.engine = "enable"
              ssl.pemfile = "%s"
              ssl.privkey = "%s"
              """
                .formatted(root.resolve("tls/server.pem"), root.resolve("tls/server.key"))
            : "";
    return """
        server.modules = ( "mod_alias", "mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv" )
        server.bind = "127.0.0.1"
        server.port = %d
        server.document-root = "%s"
        server.errorlog = "%s"
        %s
        alias.url = ( "/git" => "%s" )
        $HTTP["url"] =~ "^/git" {
          cgi.assign = ( "" => "" )
          setenv.add-environment = ( "GIT_PROJECT_ROOT" => "%s", "GIT_HTTP_EXPORT_ALL" => "" )
        }
        auth.backend = "plain"
        auth.backend.plain.userfile = "%s"
        auth.require = ( "/" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )
        # Pushing (the receive-pack advertisement and the push itself) is for user %s only.
        $HTTP["querystring"] =~ "service=git-receive-pack" {
          auth.require = ( "/" => ( "method" => "basic", "realm" => "git", "require" => "user=%s" ) )
        }
        $HTTP["url"] =~ "/git-receive-pack$" {
          auth.require = ( "/" => ( "method" => "basic", "realm" => "git", "require" => "user=%s" ) )
        }
        # lighttpd delays every refused login by a second; tests refuse logins on purpose.
        server.feature-flags += ( "auth.delay-invalid-creds" => "disable" )
        """
        .formatted(
            port,
            root.resolve("www"),
            root.resolve("error.log"),
            tls,
            BACKEND,
            root.resolve("repos"),
            root.resolve("users"),
            USERNAME,
            USERNAME,
            USERNAME);
  }

  private static String randomToken() {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return "tok" + HexFormat.of().formatHex(random);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean awaitListening(Process p, int port) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        sleep(20);
      }
    }
    return false;
  }

  private static String logs(Path root) {
    StringBuilder sb = new StringBuilder();
    for (String f : List.of("lighttpd.out", "error.log")) {
      try {
        sb.append(Files.readString(root.resolve(f)));
      } catch (IOException absent) {
        // nothing written yet
      }
    }
    return sb.toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GitHttpServer" + Map.of("port", port, "https", https);
  }
}
