package io.fluxstrap.scenario;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.GitSshServer;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * A world for the SSH flows: one bare repository served both by the smart-HTTP server (Basic auth,
 * the PAT) and by a real OpenSSH server as user git, and a mock cluster whose simulated
 * controllers read that repository with the git CLI.
 */
final class SshWorld implements AutoCloseable {
  final GitHttpServer http = GitHttpServer.shared();
  final GitSshServer ssh = GitSshServer.shared();
  final GitCli gitCli = GitCli.isolated();
  final String repoName = GitHttpServer.uniqueName("fleet");
  final String sshPath;
  final String sshUrl;
  final MockCluster cluster;
  final Path dir;
  final Path spec;
  final CliRunner cli;

  SshWorld(Path dir) {
    this.dir = dir;
    Path bare = http.createBareRepo(repoName);
    sshPath = GitSshServer.uniquePath("fleet");
    sshUrl = ssh.serve(bare, sshPath);
    // The derived sync URL keeps the HTTP path on a non-Azure host: serve it there too.
    ssh.serve(bare, java.net.URI.create(http.url(repoName)).getPath().substring(1));
    cluster = MockCluster.withControllers((url, branch) -> Optional.ofNullable(gitCli.remoteHead(http.authUrl(repoName), branch)));
    spec = dir.resolve("spec.yaml");
    cli = new CliRunner(dir).env("GIT_PASSWORD", http.token());
    copyBundle();
  }

  private void copyBundle() {
    try {
      Files.createDirectories(dir.resolve("flux"));
      Files.copy(PatWorld.BUNDLE, dir.resolve("flux/install.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flow 2: PAT push over HTTP, a generated key for the cluster over SSH. {@code extra} goes under ssh:. */
  void writeHostnameSpec(String algorithm, int rsaBits, String extra) {
    write("""
        name: ssh-hostname
        repositories:
          fleet:
            url: %s
            allowInsecureHttp: true
            auth:
              token: {env: GIT_PASSWORD}
        clusters:
          dev:
            kubeconfig: {path: %s}
            repository: fleet
            path: clusters/dev
            sync:
              auth:
                ssh:
                  hostname: 127.0.0.1:%d
                  key: {algorithm: %s%s}
        %s
            flux:
              version: v2.7.5
              manifests: {file: flux/install.yaml}
            health: {timeout: 20s}
        """.formatted(http.url(repoName), cluster.kubeconfig(), ssh.port(), algorithm,
        algorithm.equals("rsa") ? ", rsaBits: " + rsaBits : "", extra));
  }

  /** Flow 3: an ssh:// URL and an existing key file; {@code knownHosts} pinned when not null. */
  void writeKeySpec(Path keyFile, String knownHosts) {
    String pin = knownHosts == null ? "" : "\n        knownHosts: |\n          " + knownHosts;
    write("""
        name: ssh-key
        repositories:
          fleet:
            url: %s
            auth:
              sshKey:
                file: %s
                passphraseEnv: KEY_PASS%s
        clusters:
          dev:
            kubeconfig: {path: %s}
            repository: fleet
            path: clusters/dev
            flux:
              version: v2.7.5
              manifests: {file: flux/install.yaml}
            health: {timeout: 20s}
        """.formatted(sshUrl, keyFile, pin, cluster.kubeconfig()));
  }

  void write(String text) {
    try {
      Files.writeString(spec, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String remoteHead() {
    return gitCli.remoteHead(http.authUrl(repoName), "main");
  }

  /** The Secret's data decoded as text, whether the mock kept stringData or data. */
  Map<String, String> secret() {
    io.fabric8.kubernetes.api.model.Secret s = cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get();
    Map<String, String> out = new java.util.TreeMap<>();
    if (s == null) return out;
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, new String(java.util.Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) out.putAll(s.getStringData());
    return out;
  }

  /** Writes the secret's identity and known_hosts to 0600 files, as a user of them would. */
  Path[] identityFiles() {
    Map<String, String> s = secret();
    try {
      Path d = Files.createTempDirectory("from-secret-");
      Path id = d.resolve("identity");
      Files.writeString(id, s.get("identity"), StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(id, PosixFilePermissions.fromString("rw-------"));
      Path kh = d.resolve("known_hosts");
      Files.writeString(kh, s.get("known_hosts"));
      return new Path[] {id, kh};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL the cluster syncs from in flow 2: the HTTP path on the SSH server. */
  String derivedSyncUrl() {
    return "ssh://git@127.0.0.1:" + ssh.port() + java.net.URI.create(http.url(repoName)).getPath();
  }

  Path stateFile(String name) {
    return dir.resolve("state/" + name + ".state.json");
  }

  @Override
  public void close() {
    cluster.close();
  }
}
