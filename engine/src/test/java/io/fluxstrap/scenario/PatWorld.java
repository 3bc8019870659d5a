package io.fluxstrap.scenario;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One scenario's world for flow 1 (PAT over HTTPS): a real Git server with Basic auth holding an
 * empty bare repository, a mock cluster in CRUD mode whose simulated controllers read that
 * repository with the real git CLI, a spec in a temp folder, and the CLI run in-process.
 */
final class PatWorld implements AutoCloseable {
  static final Path BUNDLE = Path.of("examples/manifests/flux-v2.7.5-sandbox.yaml");

  final GitHttpServer git;
  final GitCli gitCli = GitCli.isolated();
  final String repoName = GitHttpServer.uniqueName("fleet");
  final MockCluster cluster;
  final Path dir;
  final Path spec;
  final CliRunner cli;

  PatWorld(Path dir) {
    this(dir, GitHttpServer.shared());
  }

  /** With its own Git server, for tests that rotate the token. */
  static PatWorld withPrivateServer(Path dir) {
    return new PatWorld(dir, GitHttpServer.start());
  }

  private PatWorld(Path dir, GitHttpServer git) {
    this.dir = dir;
    this.git = git;
    git.createBareRepo(repoName);
    cluster = MockCluster.withControllers((url, branch) -> Optional.ofNullable(gitCli.remoteHead(git.authUrl(repoName), branch)));
    spec = dir.resolve("spec.yaml");
    writeSpec("clusters/dev");
    cli = new CliRunner(dir).env("GIT_PASSWORD", git.token());
  }

  void writeSpec(String path) {
    writeSpec(path, GitHttpServer.USERNAME);
  }

  void writeSpec(String path, String username) {
    writeSpec(path, username, cluster.kubeconfig());
  }

  void writeSpec(String path, String username, Path kubeconfig) {
    try {
      Files.createDirectories(dir.resolve("flux"));
      Files.copy(BUNDLE, dir.resolve("flux/install.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(spec, """
          name: pat-flow
          repositories:
            fleet:
              url: %s
              allowInsecureHttp: true   # the test server speaks plain HTTP on 127.0.0.1
              branch: main
              auth:
                token: {env: GIT_PASSWORD, username: %s}
          clusters:
            dev:
              kubeconfig:
                path: %s
              repository: fleet
              path: %s
              flux:
                version: v2.7.5
                manifests:
                  file: flux/install.yaml
              health:
                timeout: 20s
          """.formatted(git.url(repoName), username, kubeconfig, path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String remoteHead() {
    return gitCli.remoteHead(git.authUrl(repoName), "main");
  }

  Path cloneRepo() {
    return gitCli.cloneTemp(git.authUrl(repoName));
  }

  Path stateFile() {
    return dir.resolve("state/pat-flow.state.json");
  }

  @Override
  public void close() {
    cluster.close();
    if (git != GitHttpServer.shared()) git.close();
  }
}
