package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.ClusterIdentity;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.testing.Specs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Destroy planning on state alone (--refresh=false): what is planned, in which order, and what is refused. */
class DestroyPlannerTest {
  static final Teardown ALL = new Teardown(true, false, false, false, false, Set.of());

  /** State after a complete apply of {@code names} (as apply records it). */
  static State applied(String... names) {
    State s = new State(State.FORMAT_VERSION, 1, "lineage-1", "test", Map.of());
    s = s.with(Addresses.repository("fleet"), new ResourceState("repository", Map.of("url", "u", "branch", "main", "head", "abc")));
    for (String n : names) {
      ClusterSpec c = PlannerTest.cluster(n);
      s = s.with(Addresses.cluster(n), new ResourceState("cluster", ClusterRecord.attributes(c, new ClusterIdentity("uid-" + n, "https://k"))));
      s = s.with(Addresses.manifests(n), new ResourceState("manifests", Map.of("file:clusters/" + n + "/flux-system/gotk-sync.yaml", "sha256:1")));
      s = s.with(Addresses.namespace(n), new ResourceState("namespace", Map.of("name", "flux-system")));
      s = s.with(Addresses.secret(n), new ResourceState("secret", Map.of("namespace", "flux-system", "name", "flux-system", "keys", "password,username")));
      s = s.with(Addresses.components(n), new ResourceState("components", Map.of("version", "v2.7.5")));
      s = s.with(Addresses.sync(n), new ResourceState("sync", Map.of("url", "u")));
    }
    return s;
  }

  static Plan plan(Spec spec, State state, Teardown t) {
    return new Planner().plan(spec, state, PlannerTest.desiredAll(spec), null, List.of(), Set.of(), t);
  }

  static List<String> steps(Plan p) {
    return p.steps().stream().map(s -> s.change().symbol() + " " + s.address()).toList();
  }

  @Test
  void aClusterRemovedFromTheSpecIsDestroyedInOrderWithItsReason() {
    Plan p = plan(PlannerTest.spec("prod"), applied("dev", "prod"), Teardown.REMOVED_ONLY);
    // (prod's own steps, made from this hand-written state, are not the point here)
    p = new Plan(p.formatVersion(), p.specFile(), p.specText(), p.stateLineage(), p.stateSerial(), p.refreshed(),
        p.steps().stream().filter(s -> !s.address().startsWith("cluster.prod")).toList(), p.warnings());
    assertEquals(List.of("~ cluster.dev.sync", "- cluster.dev.sync", "- cluster.dev.components", "- cluster.dev.secret",
        "- cluster.dev.namespace", "- cluster.dev.manifests", "+ repository.fleet.commit", "~ repository.fleet.push", "- cluster.dev"), steps(p));
    assertTrue(p.steps().stream().filter(s -> s.address().startsWith("cluster.dev"))
        .allMatch(s -> s.reason().startsWith("cluster.dev is in state but not in the spec")));
    Action.Commit commit = (Action.Commit) p.steps().get(6).action();
    // one commit for the repository: prod's updated files and dev's folder removed together
    assertTrue(commit.paths().contains("clusters/dev/flux-system/"), commit.paths().toString());
    assertTrue(commit.message().contains("Removes clusters/dev/flux-system (destroyed: dev)"), commit.message());
    assertEquals("abc", commit.baseHead());
  }

  @Test
  void destroyAllWithKeepFlagsAndPruneAndTargets() {
    Teardown t = new Teardown(true, true, true, true, true, Set.of("dev"));
    Plan p = plan(PlannerTest.spec("dev", "prod"), applied("dev", "prod"), t);
    assertEquals(List.of("~ cluster.dev.sync", "- cluster.dev.workloads", "- cluster.dev.sync", "- cluster.dev.components",
        "- cluster.dev.secret", "- cluster.dev"), steps(p));
    assertTrue(((Action.DeleteComponents) p.steps().get(3).action()).keepCrds());
  }

  @Test
  void whatStateNoLongerHoldsIsNotPlannedAgainAndNothingLeftIsNoChanges() {
    State half = applied("dev").without(List.of(Addresses.sync("dev"), Addresses.components("dev")));
    assertEquals(List.of("- cluster.dev.secret", "- cluster.dev.namespace", "- cluster.dev.manifests", "+ repository.fleet.commit",
        "~ repository.fleet.push", "- cluster.dev"), steps(plan(PlannerTest.spec("dev"), half, ALL)));
    State gone = applied("dev").without(StateSurgeryAddresses.of(applied("dev"), "cluster.dev"));
    assertTrue(plan(PlannerTest.spec("dev"), gone, ALL).noChanges());
  }

  @Test
  void preventDestroyRefusesAtTheGuardAndTargetsMustExist() {
    ClusterSpec guarded = PlannerTest.cluster("dev");
    SourceRange at = new SourceRange(Path.of("spec.yaml"), 12, 35);
    guarded = new ClusterSpec(guarded.name(), guarded.target(), guarded.repository(), guarded.path(), guarded.flux(), guarded.sync(),
        guarded.health(), at);
    Spec spec = Specs.spec(List.of(guarded));
    UserException e = assertThrows(UserException.class, () -> plan(spec, applied("dev"), ALL));
    assertEquals(at, e.diagnostics().get(0).range());
    assertTrue(e.getMessage().contains("cluster.dev has lifecycle.preventDestroy set"), e.getMessage());
    assertTrue(plan(spec, applied("dev"), Teardown.REMOVED_ONLY).steps().stream().noneMatch(s -> s.change() == ChangeKind.DELETE),
        "a normal plan of a guarded cluster is fine");
    assertThrows(UserException.class, () -> plan(spec, applied("dev"), new Teardown(true, false, false, false, false, Set.of("nope"))));
  }

  @Test
  void aRemovedClusterFromAnOlderStateWithoutItsConnectionIsRefusedWithWhatToDo() {
    State old = applied("dev").with(Addresses.cluster("dev"), new ResourceState("cluster", Map.of("uid", "uid-dev", "server", "https://k")));
    UserException e = assertThrows(UserException.class, () -> plan(PlannerTest.spec(), old, Teardown.REMOVED_ONLY));
    assertTrue(e.getMessage().contains("state rm cluster.dev"), e.getMessage());
  }

  /** Addresses under a prefix (as state rm computes them). */
  static final class StateSurgeryAddresses {
    static List<String> of(State s, String address) {
      return io.fluxstrap.state.StateSurgery.covered(s, address);
    }
  }
}
