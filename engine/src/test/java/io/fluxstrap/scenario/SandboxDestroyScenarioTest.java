package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * destroy on the quickstart sandbox: Flux goes from the sandbox cluster (its simulated controllers
 * with it) and the folder from the repository in one commit; a second destroy says "No changes.";
 * plan -destroy saved and applied later, refused once stale.
 */
class SandboxDestroyScenarioTest {
  static final String SPEC = "examples/quickstart.yaml";

  @TempDir Path tmp;

  @Test
  void destroyThenDestroyAgainSaysNoChanges() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", "sandbox-destroy-token");
    assertEquals(0, cli.run("apply", "-f", SPEC, "--auto-approve").exit());
    Path bare = tmp.resolve("state/sandbox/fleet.git");

    CliRunner.Result plan = cli.run("plan", "-f", SPEC, "-destroy", "-out", "destroy.plan", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# cluster.sandbox.sync will be updated in-place"), plan.out());
    assertTrue(plan.out().contains("# cluster.sandbox.components will be destroyed"), plan.out());
    assertTrue(plan.out().contains("- remove clusters/sandbox/flux-system/ from repository fleet"), plan.out());

    long t0 = System.nanoTime();
    CliRunner.Result applied = cli.run("apply", "destroy.plan");
    System.err.println("DESTROY TOOK " + (System.nanoTime() - t0) / 1_000_000 + " ms\n" + applied.err());
    assertEquals(0, applied.exit(), applied::toString);
    assertTrue(applied.out().contains("Destroy complete!"), applied.out());
    assertEquals("", GitCli.isolated().ok(bare, "ls-tree", "-r", "--name-only", "main").strip());
    assertEquals(2, Integer.parseInt(GitCli.isolated().ok(bare, "rev-list", "--count", "main").strip()));
    String state = Files.readString(tmp.resolve("state/quickstart.state.json"));
    assertFalse(state.contains("cluster.sandbox"), state);

    CliRunner.Result again = cli.run("destroy", "-f", SPEC, "--auto-approve");
    assertEquals(0, again.exit(), again::toString);
    assertTrue(again.out().contains("No changes."), again.out());
    CliRunner.Result stale = cli.run("apply", "destroy.plan");
    assertEquals(1, stale.exit(), stale::toString);
    assertTrue(stale.err().contains("stale plan"), stale.err());

    // and back: apply bootstraps it again
    CliRunner.Result back = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, back.exit(), back::toString);
    assertTrue(back.out().contains("Apply complete! Resources: 6 added"), back.out());
  }
}
