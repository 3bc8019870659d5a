package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.PlanSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that moves (its path, its repository, then that repository's branch) is replaced create-before-destroy: the plan
 * says -/+ with the reason, the new folder is pushed, Flux is re-pointed and Ready there, and only
 * then the old flux-system/ folder goes (the user's files beside it stay); the other cluster is
 * untouched. A move whose health wait fails keeps the old folder; the next apply finishes it with
 * one commit. Two clusters on the real git http-backend, mock APIs, real git and kubectl to check.
 */
class MoveScenarioTest {
  @TempDir Path tmp;

  @Test
  void pathAndRepositoryMovesAreReplacesThatNeverLetFluxPruneItself() throws Exception {
    try (TwoClusterWorld world = new TwoClusterWorld(tmp)) {
      world.writeSpec(List.of("dev", "prod"), "dev");
      world.ok("apply", "-f", "spec.yaml", "--auto-approve");
      Path clone = world.cloneRepo();
      world.gitCli.commitAndPush(clone, "main", "clusters/dev/app.yaml", "kind: ConfigMap\n", "the user's own file");

      pathMove(world);
      repositoryMoveFinishedAfterAFailedHealthWait(world);
      branchMove(world);
    }
  }

  private void pathMove(TwoClusterWorld world) {
    int commitsBefore = world.commits();
    world.paths.put("dev", "clusters/edge");
    world.writeSpec(List.of("dev", "prod"), "dev"); // preventDestroy: a move destroys nothing, so it is allowed

    CliRunner.Result plan = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode", "-out", "move.fsp");
    assertEquals(2, plan.exit(), plan::toString);
    assertEquals(List.of("cluster.dev.manifests", "repository.fleet.commit", "repository.fleet.push", "cluster.dev.sync", "cluster.dev.health",
        "cluster.dev.manifests", "repository.fleet.commit", "repository.fleet.push"), addresses(plan.out()), plan.out());
    assertEquals(2, Pattern.compile("(?m)^  # cluster\\.dev\\.manifests will be replaced$").matcher(plan.out()).results().count(), plan.out());
    assertTrue(plan.out().contains("# (cluster.dev: path changed clusters/dev -> clusters/edge; fleet@main:clusters/edge/flux-system/ is written first"), plan.out());
    assertTrue(plan.out().contains("-/+ remove clusters/dev/flux-system/ from repository fleet (the cluster moved; only this folder goes)"), plan.out());
    assertTrue(plan.out().contains("Plan: 3 to add, 3 to change, 1 to destroy, then 1 health check."), plan.out());
    CliRunner.Result drift = world.cli.run("drift", "-f", "spec.yaml", "--json");
    assertEquals(2, drift.exit(), drift::toString);
    assertTrue(drift.out().contains("\"manifests.location\"") && drift.out().contains("cluster.dev moves: path changed clusters/dev -> clusters/edge"),
        drift.out());
    // after the plan's refresh (reading a Flux object lets the simulated controllers catch up with the branch)
    String prodBefore = world.resourceVersions(world.prod);
    CliRunner.Result json = world.ok("show", "move.fsp", "--json");
    assertEquals(List.of(), PlanSchema.errors("plan.schema.json", json.out()));
    assertTrue(json.out().contains("\"change\" : \"replace\"") && json.out().contains("\"moved\" : true"), json.out());

    CliRunner.Result applied = world.ok("apply", "move.fsp");
    assertTrue(applied.out().contains("Apply complete!"), applied.out());
    Path clone = world.cloneRepo();
    assertEquals(commitsBefore + 2, world.commits(), "the new folder, then the old one's removal");
    assertTrue(Files.isRegularFile(clone.resolve("clusters/edge/flux-system/gotk-sync.yaml")));
    assertFalse(Files.exists(clone.resolve("clusters/dev/flux-system")), "old flux-system/ removed");
    assertTrue(Files.isRegularFile(clone.resolve("clusters/dev/app.yaml")), "the user's file beside it stays");
    assertEquals("Remove Flux from clusters/dev/flux-system", world.gitCli.log(clone, "%s", "HEAD").get(0));
    assertEquals("./clusters/edge", world.kubectl(world.dev, "get", "kustomization", "flux-system", "-n", "flux-system", "-o", "jsonpath={.spec.path}"));
    assertEquals(prodBefore, world.resourceVersions(world.prod), "prod untouched");
    assertNoChanges(world);
  }

  private void repositoryMoveFinishedAfterAFailedHealthWait(TwoClusterWorld world) {
    world.repositories.put("dev", "fleet2");
    world.writeSpec(List.of("dev", "prod"), null);
    CliRunner.Result plan = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# (cluster.dev: repository changed fleet -> fleet2;"), plan.out());

    // Flux not Ready at the new place (suspended by hand): the new folder is there, the old one must stay.
    world.kubectl(world.dev, "patch", "kustomization", "flux-system", "-n", "flux-system", "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}");
    int commitsBefore = world.commits();
    CliRunner.Result failed = world.cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertNotEquals(0, failed.exit(), failed::toString);
    assertTrue(failed.err().contains("is suspended"), failed.err());
    assertTrue(Files.isRegularFile(world.cloneRepo2().resolve("clusters/edge/flux-system/gotk-sync.yaml")));
    assertTrue(Files.isRegularFile(world.cloneRepo().resolve("clusters/edge/flux-system/gotk-sync.yaml")), "old folder kept: Flux is not Ready");

    CliRunner.Result drift = world.cli.run("drift", "-f", "spec.yaml", "--json");
    assertTrue(drift.out().contains("the old folder fleet@main:clusters/edge/flux-system/ of a move is not removed yet"), drift.out());

    world.kubectl(world.dev, "patch", "kustomization", "flux-system", "-n", "flux-system", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}");
    CliRunner.Result again = world.cli.run("plan", "-f", "spec.yaml");
    assertEquals(List.of("cluster.dev.health", "cluster.dev.manifests", "repository.fleet.commit", "repository.fleet.push"), addresses(again.out()),
        again.out());
    world.ok("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(commitsBefore + 1, world.commits(), "one commit: the removal");
    Path clone = world.cloneRepo();
    assertFalse(Files.exists(clone.resolve("clusters/edge/flux-system")), "moved out of fleet");
    assertTrue(Files.isRegularFile(clone.resolve("clusters/prod/flux-system/gotk-sync.yaml")));
    assertEquals(world.git.url(world.repo2Name),
        world.kubectl(world.dev, "get", "gitrepository", "flux-system", "-n", "flux-system", "-o", "jsonpath={.spec.url}"));
    assertNoChanges(world);
  }

  private void branchMove(TwoClusterWorld world) {
    world.fleet2Branch = "prod";
    world.writeSpec(List.of("dev", "prod"), null);
    CliRunner.Result plan = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# (cluster.dev: repository fleet2's branch changed main -> prod;"), plan.out());
    assertTrue(plan.out().contains(", the branch the folder moved from (never forced)"), plan.out());
    world.ok("apply", "-f", "spec.yaml", "--auto-approve");
    Path clone = world.cloneRepo2();
    assertFalse(Files.exists(clone.resolve("clusters/edge/flux-system")), "gone from main");
    assertTrue(world.gitCli.show(clone, "origin/prod", "clusters/edge/flux-system/gotk-sync.yaml").contains("branch: prod"));
    assertEquals("prod", world.kubectl(world.dev, "get", "gitrepository", "flux-system", "-n", "flux-system", "-o", "jsonpath={.spec.ref.branch}"));
    assertNoChanges(world);
  }

  private static void assertNoChanges(TwoClusterWorld world) {
    CliRunner.Result after = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, after.exit(), after::toString);
    assertTrue(after.out().contains("No changes."), after.out());
  }

  private static List<String> addresses(String plan) {
    return Pattern.compile("(?m)^  # (\\S+) will be").matcher(plan).results().map(m -> m.group(1)).toList();
  }
}
