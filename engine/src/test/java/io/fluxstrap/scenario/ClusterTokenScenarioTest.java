package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.MockCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate credentials: fluxstrap pushes with a read-write PAT (GIT_PASSWORD), the cluster gets a
 * read-only one (sync.token.env), against the real lighttpd Git server whose second user may fetch
 * but never push.
 */
class ClusterTokenScenarioTest {
  @TempDir Path tmp;
  final GitHttpServer git = GitHttpServer.shared();
  final GitCli gitCli = GitCli.isolated();
  final String repo = GitHttpServer.uniqueName("split");
  MockCluster cluster;
  CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    git.createBareRepo(repo);
    cluster = MockCluster.withControllers((url, branch) -> Optional.ofNullable(gitCli.remoteHead(git.authUrl(repo), branch)));
    Files.createDirectories(tmp.resolve("flux"));
    Files.copy(PatWorld.BUNDLE, tmp.resolve("flux/install.yaml"));
    writeSpec(GitHttpServer.READER);
    cli = new CliRunner(tmp).env("GIT_PASSWORD", git.token());
  }

  private void writeSpec(String clusterUser) throws Exception {
    Files.writeString(tmp.resolve("spec.yaml"), """
        name: split
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
              auth: token
              token: {env: FLUX_READ_PAT, username: %s}
            flux:
              version: v2.7.5
              manifests: {file: flux/install.yaml}
            health: {timeout: 20s}
        """.formatted(git.url(repo), cluster.kubeconfig(), clusterUser));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void theSecretHoldsTheReadOnlyPatWhileThePushUsedTheOtherOne() {
    cli.env("FLUX_READ_PAT", git.readerToken());
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, r.exit(), r::toString);
    assertFalse(r.err().contains("can also push"), r::toString);
    assertTrue(gitCli.remoteHead(git.authUrl(repo), "main") != null, "pushed with GIT_PASSWORD (the reader may not push)");
    Secret s = cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get();
    assertEquals(git.readerToken(), decode(s, "password"));
    assertEquals(GitHttpServer.READER, decode(s, "username"));
    CliRunner.Result again = cli.run("plan", "-f", "spec.yaml");
    assertTrue(again.out().contains("No changes."), again::toString);
    assertFalse(cli.everything().contains(git.readerToken()), "the read PAT is in no output");
    assertFalse(cli.everything().contains(git.token()), "the push PAT is in no output");
  }

  @Test
  void aClusterPatThatCanAlsoPushIsAppliedWithAWarning() throws Exception {
    writeSpec(GitHttpServer.USERNAME);
    cli.env("FLUX_READ_PAT", git.token());
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().contains("warning: cluster.dev: the PAT in FLUX_READ_PAT can also push to"), r::toString);
  }

  @Test
  void aClusterPatThatCannotReadStopsTheApplyBeforeAnythingChanges() {
    cli.env("FLUX_READ_PAT", "revoked-read-pat");
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("cluster.dev: the PAT in FLUX_READ_PAT cannot read the repository"), r::toString);
    assertNull(gitCli.remoteHead(git.authUrl(repo), "main"), "nothing pushed");
    assertNull(cluster.client().namespaces().withName("flux-system").get(), "nothing applied");
  }

  private static String decode(Secret s, String key) {
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }
}
