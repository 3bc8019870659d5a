package io.fluxstrap.scenario;

import io.fluxstrap.testing.BearerGitServer;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.FakeAz;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keyless Azure DevOps in one world: a Git server that takes only Entra ID bearer tokens, a fake
 * Azure CLI on PATH that Azure Identity's AzureCliCredential really runs, a mock cluster whose
 * simulated controllers read the repository on disk (the cluster holds no credential), and the CLI
 * in-process.
 */
final class EntraWorld implements AutoCloseable {
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String APP = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  static final String OID = "1c3e5a7b-0000-4000-8000-00000000abcd";
  static final String WI_CLIENT = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

  final BearerGitServer git;
  final String repo = "fleet.git";
  final MockCluster cluster;
  final Path dir;
  final Path spec;
  final CliRunner cli;

  EntraWorld(Path dir) {
    this.dir = dir;
    git = BearerGitServer.start(dir.resolve("server"));
    git.createBareRepo(repo);
    Path bare = git.repoPath(repo);
    cluster = MockCluster.withControllers((url, branch) -> head(bare, branch));
    spec = dir.resolve("spec.yaml");
    cli = new CliRunner(dir);
  }

  private static Optional<String> head(Path bare, String branch) {
    Exec.Result r = Exec.run(bare, Map.of(), Duration.ofSeconds(10), List.of("git", "rev-parse", "--verify", "-q", "refs/heads/" + branch));
    return r.ok() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  /** A spec pushing with Entra ID (Azure CLI source); {@code sync} is the cluster's sync block (YAML, indented 6). */
  void writeSpec(String sync) {
    try {
      Files.createDirectories(dir.resolve("flux"));
      Files.copy(PatWorld.BUNDLE, dir.resolve("flux/install.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(spec, """
          name: entra-flow
          repositories:
            fleet:
              url: %s
              allowInsecureHttp: true   # the test server speaks plain HTTP on 127.0.0.1
              branch: main
              auth:
                entra: {source: azureCli}
          clusters:
            dev:
              kubeconfig:
                path: %s
              repository: fleet
              path: clusters/dev
          %s
              flux:
                version: v2.7.5
                manifests:
                  file: flux/install.yaml
              health:
                timeout: 20s
          """.formatted(git.url(repo), cluster.kubeconfig(), sync.stripTrailing()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String workloadIdentity() {
    return "    sync:\n      auth:\n        workloadIdentity: {clientId: " + WI_CLIENT + ", tenantId: " + TENANT + "}";
  }

  static String readPat() {
    return "    sync:\n      auth: token\n      token: {env: FLUX_READ_PAT}";
  }

  /** A token the fake az hands out, and the server accepts for an hour. */
  String token(String marker) {
    String jwt = FakeAz.jwt(TENANT, APP, OID, marker);
    git.accept(jwt, java.time.Instant.now().plusSeconds(3600));
    return jwt;
  }

  /** The content of {@code path} at the head of main, via the bare repository. */
  String file(String path) {
    Exec.Result r = Exec.run(git.repoPath(repo), Map.of(), Duration.ofSeconds(10), List.of("git", "show", "main:" + path));
    return r.stdoutOrThrow();
  }

  Optional<String> head() {
    return head(git.repoPath(repo), "main");
  }

  @Override
  public void close() {
    cluster.close();
    git.close();
  }
}
