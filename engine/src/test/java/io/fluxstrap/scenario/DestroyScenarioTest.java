package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Destroy as Terraform does it, on two clusters sharing one repository (real git http-backend,
 * mock APIs, real git and kubectl to check): preventDestroy refuses; a saved plan -destroy with
 * -target and the keep flags keeps what they name; removing a cluster from the spec destroys it in
 * one commit and leaves the other cluster untouched; state surgery (mv, rm, pull, push). One world
 * for all, as bootstrapping two clusters is the slow part.
 */
class DestroyScenarioTest {
  @TempDir Path tmp;

  @Test
  void destroyKeepFlagsRemovalFromTheSpecAndStateSurgery() throws Exception {
    try (TwoClusterWorld world = new TwoClusterWorld(tmp)) {
      world.writeSpec(List.of("dev", "prod"), "prod");
      world.ok("apply", "-f", "spec.yaml", "--auto-approve");

      preventDestroyRefusesAtTheGuard(world);
      removedFromTheSpecIsDestroyedInOneCommitAndTheOtherIsUntouched(world);
      stateSurgery(world);
      savedTargetedDestroyKeepsWhatTheFlagsName(world);
    }
  }

  private void preventDestroyRefusesAtTheGuard(TwoClusterWorld world) throws Exception {
    String text = Files.readString(world.spec);
    int line = text.substring(0, text.indexOf("preventDestroy")).split("\n", -1).length;
    int col = text.split("\n")[line - 1].indexOf("true") + 1;
    String before = Files.readString(world.dir.resolve("state/two.state.json"));
    CliRunner.Result refused = world.cli.run("destroy", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, refused.exit(), refused::toString);
    assertTrue(refused.err().contains("spec.yaml:" + line + ":" + col + ": error: cluster.prod has lifecycle.preventDestroy set"), refused.err());
    assertEquals(1, world.cli.run("plan", "-f", "spec.yaml", "-destroy").exit());
    assertEquals(before, Files.readString(world.dir.resolve("state/two.state.json")), "nothing was changed");
  }

  private void removedFromTheSpecIsDestroyedInOneCommitAndTheOtherIsUntouched(TwoClusterWorld world) {
    int commitsBefore = world.commits();
    world.writeSpec(List.of("prod"), null);
    CliRunner.Result plan = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    List<String> addresses = Pattern.compile("(?m)^  # (\\S+) will be").matcher(plan.out()).results().map(m -> m.group(1)).toList();
    assertEquals(List.of("cluster.dev.sync", "cluster.dev.sync", "cluster.dev.components", "cluster.dev.secret", "cluster.dev.namespace",
        "cluster.dev.manifests", "repository.fleet.commit", "repository.fleet.push", "cluster.dev"), addresses, plan.out());
    assertTrue(plan.out().contains("# (cluster.dev is in state but not in the spec)"), plan.out());
    assertTrue(plan.out().contains("Plan: 1 to add, 2 to change, 6 to destroy."), plan.out());
    CliRunner.Result drift = world.cli.run("drift", "-f", "spec.yaml", "--json");
    assertEquals(2, drift.exit(), drift::toString);
    assertTrue(drift.out().contains("cluster.in_spec") && drift.out().contains("is in state but not in the spec")
        && drift.out().contains("\"cluster.dev\""), drift.out());
    String prodBefore = world.resourceVersions(world.prod);

    CliRunner.Result applied = world.ok("apply", "-f", "spec.yaml", "--auto-approve");
    assertTrue(applied.out().contains("Destroy complete!"), applied.out());

    // The repository (real git clone): dev's folder gone in one commit, prod's still there.
    Path clone = world.cloneRepo();
    assertEquals(commitsBefore + 1, world.commits());
    assertFalse(Files.exists(clone.resolve("clusters/dev")), "clusters/dev/flux-system is gone");
    assertTrue(Files.isRegularFile(clone.resolve("clusters/prod/flux-system/gotk-sync.yaml")));
    assertEquals("Remove Flux from clusters/dev/flux-system", world.gitCli.log(clone, "%s", "HEAD").get(0));

    // dev (real kubectl against the mock): namespace, secret, sync objects, components and CRDs gone.
    assertEquals("", world.kubectl(world.dev, "get", "namespace", "flux-system", "--ignore-not-found", "-o", "name"));
    assertEquals("", world.kubectl(world.dev, "get", "secrets,deployments,services,serviceaccounts,networkpolicies", "-n", "flux-system",
        "--ignore-not-found", "-o", "name"));
    assertEquals("", world.kubectl(world.dev, "get", "clusterroles,clusterrolebindings,customresourcedefinitions", "-l",
        "app.kubernetes.io/part-of=flux", "-o", "name"));
    assertFalse(world.kubectl(world.dev, "api-resources", "-o", "name").contains("fluxcd.io"), "Flux kinds no longer served");
    assertEquals("namespace/kube-system", world.kubectl(world.dev, "get", "namespace", "kube-system", "-o", "name"));

    // prod: untouched, object for object.
    assertTrue(prodBefore.contains("Kustomization/flux-system/flux-system="), prodBefore);
    assertEquals(prodBefore, world.resourceVersions(world.prod));

    CliRunner.Result after = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, after.exit(), after::toString);
    assertTrue(after.out().contains("No changes."), after.out());
    assertFalse(world.ok("state", "list").out().contains("cluster.dev"));
  }

  private void stateSurgery(TwoClusterWorld world) throws Exception {
    Path stateFile = world.dir.resolve("state/two.state.json");
    // mv: a renamed cluster keeps its history; plan says No changes.
    Files.writeString(world.spec, Files.readString(world.spec).replace("  prod:\n", "  edge:\n").replace("    lifecycle: {preventDestroy: true}\n", ""));
    CliRunner.Result moved = world.ok("state", "mv", "cluster.prod", "cluster.edge");
    assertTrue(moved.out().contains("Successfully moved"), moved.out());
    assertTrue(Files.exists(stateFile.resolveSibling("two.state.json.backup")), "backup kept");
    CliRunner.Result plan = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("No changes."), plan.out());

    String pulled = world.ok("state", "pull").out();
    assertEquals(Files.readString(stateFile).strip(), pulled.strip());
    Files.writeString(world.dir.resolve("pulled.json"), pulled);

    // rm: forgotten, so the plan installs it again and destroys nothing; Flux still runs meanwhile.
    world.ok("state", "rm", "cluster.edge");
    CliRunner.Result afterRm = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, afterRm.exit(), afterRm::toString);
    assertTrue(afterRm.out().contains("# cluster.edge.components will be created"), afterRm.out());
    assertTrue(afterRm.out().contains(" 0 to destroy"), afterRm.out());
    assertEquals(1, world.kubectl(world.prod, "get", "kustomization", "-n", "flux-system", "-o", "name").lines().count(), "Flux still runs");

    // push: another lineage refused; an older serial refused; -force puts the pulled state back.
    String otherLineage = pulled.replaceAll("\"lineage\" : \"[^\"]+\"", "\"lineage\" : \"00000000-0000-4000-8000-000000000000\"");
    assertTrue(otherLineage.contains("00000000-0000-4000-8000-000000000000"), otherLineage);
    Files.writeString(world.dir.resolve("other.json"), otherLineage);
    CliRunner.Result refused = world.cli.run("state", "push", "other.json");
    assertEquals(1, refused.exit(), refused::toString);
    assertTrue(refused.err().contains("another state history"), refused.err());
    CliRunner.Result older = world.cli.run("state", "push", "pulled.json");
    assertEquals(1, older.exit(), older::toString);
    assertTrue(older.err().contains("older than the stored serial"), older.err());
    world.ok("state", "push", "-force", "pulled.json");
    CliRunner.Result back = world.cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, back.exit(), back::toString);
  }

  private void savedTargetedDestroyKeepsWhatTheFlagsName(TwoClusterWorld world) {
    int commitsBefore = world.commits();
    CliRunner.Result plan = world.cli.run("plan", "-f", "spec.yaml", "-destroy", "-target=cluster.edge", "--keep-crds", "--keep-namespace",
        "--keep-repository-files", "-out", "edge.destroy");
    assertEquals(0, plan.exit(), plan::toString);
    assertFalse(plan.out().contains("cluster.edge.namespace") || plan.out().contains("repository.fleet.commit"), plan.out());
    assertTrue(plan.out().contains("(the CRDs and every custom resource are kept)"), plan.out());
    CliRunner.Result json = world.ok("show", "edge.destroy", "--json");
    assertEquals(List.of(), PlanSchema.errors("plan.schema.json", json.out()));
    assertTrue(json.out().contains("\"type\" : \"delete_components\"") || json.out().contains("\"type\":\"delete_components\""), json.out());

    CliRunner.Result applied = world.ok("apply", "edge.destroy");
    assertTrue(applied.out().contains("Destroy complete!"), applied.out());
    assertEquals("namespace/flux-system", world.kubectl(world.prod, "get", "namespace", "flux-system", "-o", "name"));
    assertTrue(world.kubectl(world.prod, "get", "crd", "-o", "name").contains("kustomizations.kustomize.toolkit.fluxcd.io"));
    assertEquals("", world.kubectl(world.prod, "get", "deployments,secrets", "-n", "flux-system", "-o", "name"));
    assertEquals(commitsBefore, world.commits(), "--keep-repository-files: no commit");
    assertTrue(Files.exists(world.cloneRepo().resolve("clusters/prod/flux-system/gotk-sync.yaml")));

    CliRunner.Result stale = world.cli.run("apply", "edge.destroy");
    assertEquals(1, stale.exit(), stale::toString);
    assertTrue(stale.err().contains("stale plan"), stale.err());
    CliRunner.Result again = world.ok("destroy", "-f", "spec.yaml", "-target=cluster.edge", "--auto-approve");
    assertTrue(again.out().contains("No changes."), again.out());
  }
}
