package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PAT that cannot push (revoked on the server, or read-only) stops plan and apply before
 * anything changes, with a message naming the credential (its variable and repository) and what
 * to do.
 */
class CredentialsFirstScenarioTest {
  @TempDir Path tmp;
  PatWorld world;

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void aRevokedTokenIsNamedByPlanAndApplyAndNothingChanges() throws Exception {
    world = PatWorld.withPrivateServer(tmp);
    CliRunner cli = world.cli;
    assertEquals(0, cli.run("apply", "-f", "spec.yaml", "--auto-approve").exit());
    String revoked = world.git.token();
    world.git.rotateToken(); // the server now refuses the token the environment still holds
    String head = world.remoteHead();
    Map<String, String> versions = FluxBootstrapped.resourceVersions(world);
    byte[] state = Files.readAllBytes(world.stateFile());
    world.writeSpec("clusters/dev"); // unchanged spec; the next runs only differ by the refused token

    for (String[] args : new String[][] {{"plan", "-f", "spec.yaml"}, {"apply", "-f", "spec.yaml", "--auto-approve"},
        {"plan", "-f", "spec.yaml", "--refresh-only"}, {"import", "-f", "spec.yaml", "--auto-approve"}}) {
      CliRunner.Result r = cli.run(args);
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.err().contains("repository.fleet: authentication failed for " + world.git.url(world.repoName)), r::toString);
      assertTrue(r.err().contains("the personal access token in GIT_PASSWORD for repository 'fleet'"), r::toString);
      assertTrue(r.err().contains("create a new PAT with Code read & write scope, set GIT_PASSWORD to it"), r::toString);
      assertFalse(r.err().contains("\tat "), "no stack trace");
    }
    assertFalse(cli.everything().contains(revoked), "the token is never printed");
    assertEquals(head, world.remoteHead());
    assertEquals(versions, FluxBootstrapped.resourceVersions(world));
    assertEquals(new String(state, java.nio.charset.StandardCharsets.UTF_8), Files.readString(world.stateFile()));
  }

  @Test
  void aReadOnlyTokenIsRefusedBeforeAnyStepWithWhatToDo() {
    world = new PatWorld(tmp);
    world.writeSpec("clusters/dev", GitHttpServer.READER);
    CliRunner cli = world.cli.env("GIT_PASSWORD", world.git.readerToken());
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("repository.fleet: cannot push: ") && r.err().contains(world.git.url(world.repoName)), r::toString);
    assertTrue(r.err().contains("Nothing was changed"), r::toString);
    assertTrue(r.err().contains("the personal access token in GIT_PASSWORD for repository 'fleet'")
        && r.err().contains("create a new PAT with Code read & write scope"), r::toString);
    assertFalse(r.all().contains(world.git.readerToken()));
    assertEquals(null, world.remoteHead(), "nothing pushed");
    assertEquals(null, world.cluster.client().namespaces().withName("flux-system").get(), "nothing applied");
    assertFalse(Files.exists(world.stateFile()), "nothing recorded");
  }
}
