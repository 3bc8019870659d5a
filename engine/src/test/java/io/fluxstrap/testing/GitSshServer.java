package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real OpenSSH {@code sshd} on 127.0.0.1 serving bare repositories at the Azure DevOps path shape
 * {@code ssh://git@127.0.0.1:PORT/v3/org/project/repo}. It runs as the unprivileged user {@value
 * SshUser#NAME} (sshd as root needs {@code /run/sshd} and privilege separation), with its own RSA
 * host key and only the RSA SHA-2 host key algorithms, as Azure DevOps offers. Every login runs a
 * {@code ForceCommand} that allows only {@code git-upload-pack} / {@code git-receive-pack} on a
 * repository under this server's root.
 *
 * <p>{@link #shared()} starts one server per JVM; tests authorize their own keys ({@link
 * #authorize}) and create uniquely named repositories on it. {@link #start()} starts a private one
 * that {@link #close()} stops. {@code openssh-server} is installed with apt when missing.
 */
public final class GitSshServer implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  private static final Path SSH = Path.of("/usr/bin/ssh");
  private static final Duration STARTUP = Duration.ofSeconds(10);
  private static GitSshServer shared;

  private final Path root;
  private final int port;
  private final String hostKey;
  private final boolean isShared;
  private final Process process;
  /** authorized_keys lines by their "type base64" part, so revoke ignores comments. */
  private final Map<String, String> authorized = new LinkedHashMap<>();

  private GitSshServer(Path root, int port, String hostKey, boolean isShared, Process process) {
    this.root = root;
    this.port = port;
    this.hostKey = hostKey;
    this.isShared = isShared;
    this.process = process;
  }

  /** The JVM-wide server; never close it (a shutdown hook does). */
  public static synchronized GitSshServer shared() {
    if (shared == null || !shared.process.isAlive()) {
      shared = launch(true);
      GitSshServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
    }
    return shared;
  }

  /** A private server, stopped by {@link #close()}. */
  public static GitSshServer start() {
    return launch(false);
  }

  public int port() {
    return port;
  }

  /** {@code ssh://git@127.0.0.1:PORT/<path>}, e.g. for path {@code v3/org/project/repo}. */
  public String url(String path) {
    return "ssh://" + SshUser.NAME + "@127.0.0.1:" + port + "/" + stripSlashes(path);
  }

  /** The known_hosts line of this server: {@code [127.0.0.1]:PORT ssh-rsa AAAA...}. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port + " " + hostKey;
  }

  /** The SHA256 fingerprint of the host key, as {@code ssh-keygen -l} prints it ({@code SHA256:...}). */
  public String hostKeyFingerprint() {
    return Exec.run(
            null,
            Map.of(),
            Duration.ofSeconds(30),
            List.of(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f", root.resolve("ssh_host_rsa_key.pub").toString()))
        .stdoutOrThrow()
        .split("\\s+")[1];
  }

  /** A known_hosts file holding {@link #knownHostsLine()}, for the ssh CLI. */
  public Path knownHostsFile() {
    return root.resolve("known_hosts");
  }

  /** A path under {@code v3/} no other test in this JVM uses: {@code v3/org/project/<prefix>-N-PID}. */
  public static String uniquePath(String prefix) {
    String name = GitHttpServer.uniqueName(prefix);
    return "v3/org/project/" + name.substring(0, name.length() - ".git".length());
  }

  /**
   * Creates an empty bare repository at {@code path} (e.g. {@code v3/org/project/repo}) whose HEAD
   * is {@code main}, owned by the server's user.
   */
  public Path createBareRepo(String path) {
    Path dir = repoPath(path);
    if (Files.exists(dir)) {
      throw new IllegalStateException("repository exists: " + dir);
    }
    GitCli.bare().run(null, "init", "--bare", "--quiet", "--initial-branch=main", dir.toString()).stdoutOrThrow();
    SshUser.chownRecursively(dir);
    return dir;
  }

  /**
   * Serves an existing bare repository (e.g. one of {@link GitHttpServer#repoPath}) at {@code path}
   * too, and returns its SSH URL. The repository becomes shared: group/other-writable and
   * {@code core.sharedRepository=0666}, so that files the HTTP server (root) and this server (user
   * git) create stay writable by the other; folders above it get o+x so user git can reach it.
   */
  public String serve(Path bareRepo, String path) {
    Path link = repoPath(path);
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, bareRepo.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCli.bare().run(bareRepo, "config", "core.sharedRepository", "0666").stdoutOrThrow();
    SshUser.shareWithEveryone(bareRepo);
    return url(path);
  }

  /** Path of the repository served at {@code path} (it may not exist). */
  public Path repoPath(String path) {
    return root.resolve("repos").resolve(stripSlashes(path));
  }

  /** Lets the key of {@code authorizedKeysLine} ({@code ssh-ed25519 AAAA... comment}) log in. */
  public synchronized void authorize(String authorizedKeysLine) {
    authorized.put(keyOf(authorizedKeysLine), authorizedKeysLine.strip());
    writeAuthorizedKeys();
  }

  /** Refuses the key of {@code authorizedKeysLine} again (sshd reads the file on every login). */
  public synchronized void revoke(String authorizedKeysLine) {
    authorized.remove(keyOf(authorizedKeysLine));
    writeAuthorizedKeys();
  }

  /**
   * The real git CLI logging in with {@code identityFile} only, checking the host key strictly
   * against this server's known_hosts: no agent, no ~/.ssh, no prompt.
   */
  public GitCli git(Path identityFile) {
    return git(identityFile, knownHostsFile());
  }

  /** Like {@link #git(Path)} with another known_hosts file (e.g. a wrong one). */
  public static GitCli git(Path identityFile, Path knownHosts) {
    String ssh =
        String.join(
            " ",
            SSH.toString(),
            "-F /dev/null",
            "-i " + quote(identityFile),
            "-o IdentitiesOnly=yes",
            "-o IdentityAgent=none",
            "-o UserKnownHostsFile=" + quote(knownHosts),
            "-o GlobalKnownHostsFile=/dev/null",
            "-o StrictHostKeyChecking=yes",
            "-o BatchMode=yes");
    return GitCli.isolated().withEnv("GIT_SSH_COMMAND", ssh);
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

  private void writeAuthorizedKeys() {
    StringBuilder sb = new StringBuilder();
    authorized.values().forEach(l -> sb.append(l).append('\n'));
    writeAtomically(root.resolve("authorized_keys"), sb.toString());
  }

  private static GitSshServer launch(boolean isShared) {
    DebianPackages.ensure(List.of(SSHD, SSH_KEYGEN, SSH), "openssh-server", "openssh-client");
    SshUser.ensure();
    try {
      Path root = Files.createTempDirectory("git-ssh-");
      Files.createDirectories(root.resolve("repos"));
      Path hostKeyFile = root.resolve("ssh_host_rsa_key");
      // RSA 2048 like Azure DevOps' host key; generated per server so no two runs share a key.
      Exec.run(
              null,
              Map.of(),
              Duration.ofSeconds(30),
              List.of(SSH_KEYGEN.toString(), "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "fixture", "-f", hostKeyFile.toString()))
          .stdoutOrThrow();
      String hostKey = publicKeyPart(Files.readString(root.resolve("ssh_host_rsa_key.pub")));
      writeAtomically(root.resolve("authorized_keys"), "");
      SshUser.chownRecursively(root);
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Path conf = root.resolve("sshd_config");
        Files.writeString(conf, SshdConfig.render(root, port, hostKeyFile));
        Files.writeString(root.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
        Process p =
            new ProcessBuilder(SshUser.runAs(List.of(SSHD.toString(), "-D", "-e", "-f", conf.toString())))
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("sshd.log").toFile())
                .start();
        if (awaitListening(p, port)) {
          return new GitSshServer(root, port, hostKey, isShared, p);
        }
        p.destroyForcibly();
        last = new IllegalStateException("sshd did not start on port " + port + ":\n" + log(root));
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "type base64" of a public key or authorized_keys line (options are not supported). */
  public static String publicKeyPart(String line) {
    String[] parts = line.strip().split("\\s+");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a public key line: " + line);
    }
    return parts[0] + " " + parts[1];
  }

  private static String keyOf(String authorizedKeysLine) {
    return publicKeyPart(authorizedKeysLine);
  }

  private static void writeAtomically(Path file, String content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stripSlashes(String path) {
    String p = path;
    while (p.startsWith("/")) p = p.substring(1);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    if (p.isEmpty() || p.contains("..")) {
      throw new IllegalArgumentException("bad repository path: " + path);
    }
    return p;
  }

  private static String quote(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "'\\''") + "'";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Ready when the port accepts a connection; sshd logs the probe as a preauth disconnect. */
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
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  /** sshd's own log (stderr, -e), for failing tests to explain themselves. */
  public String log() {
    return log(root);
  }

  private static String log(Path root) {
    try {
      return Files.readString(root.resolve("sshd.log"));
    } catch (IOException absent) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "GitSshServer" + Map.of("port", port);
  }
}
