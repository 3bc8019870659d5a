package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Moves (path or repository changed) planned from state alone; unused ssh_host records forgotten. No Git, no cluster. */
class MovePlannerTest {
  private static final List<String> MOVE = List.of("-/+ cluster.dev.manifests", "+ repository.fleet.commit", "~ repository.fleet.push",
      "~ cluster.dev.sync", "<= cluster.dev.health", "-/+ cluster.dev.manifests", "+ repository.fleet.commit", "~ repository.fleet.push");

  /** State after applying dev at clusters/dev, its folder's location recorded as apply records it. */
  private static State appliedAtOldPath() {
    Spec old = PlannerTest.spec("dev");
    State s = PlannerTest.appliedState(desired(old));
    ResourceState m = s.resource(Addresses.manifests("dev"));
    Map<String, String> attrs = new LinkedHashMap<>(m.attributes());
    attrs.putAll(Location.of(old.clusters().get("dev"), old.repositories().get("fleet")).attributes(""));
    ResourceState sync = s.resource(Addresses.sync("dev"));
    Map<String, String> syncAttrs = new LinkedHashMap<>(sync.attributes());
    syncAttrs.put("path", "./clusters/dev");
    return s.with(Addresses.manifests("dev"), new ResourceState("manifests", attrs)).with(Addresses.sync("dev"), new ResourceState("sync", syncAttrs));
  }

  private static Spec movedTo(String path) {
    ClusterSpec c = PlannerTest.cluster("dev");
    ClusterSpec moved = new ClusterSpec(c.name(), c.target(), c.repository(), path, c.flux(), c.sync(), c.health(), c.preventDestroy());
    return new Spec(Path.of("spec.yaml"), "", "t", null, Map.of("fleet", PlannerTest.repo()), Map.of("dev", moved));
  }

  /** As rendered: gotk-sync.yaml names the path. */
  private static Map<String, DesiredCluster> desired(Spec spec) {
    ClusterSpec c = spec.clusters().get("dev");
    String dir = c.fluxDir() + "/";
    return Map.of("dev", new DesiredCluster(c, PlannerTest.repo(), PlannerTest.repo().url(), List.of(
        new io.fluxstrap.manifests.RenderedFile(dir + "gotk-components.yaml", "components v2.7.5"),
        new io.fluxstrap.manifests.RenderedFile(dir + "gotk-sync.yaml", "sync of dev at " + c.syncPath()),
        new io.fluxstrap.manifests.RenderedFile(dir + "kustomization.yaml", "kustomization")), List.of("password", "username"), PlannerTest.FP));
  }

  @Test
  void aChangedPathIsAReplaceWhoseOldFolderGoesLastWithTheReason() {
    Spec spec = movedTo("clusters/edge");
    Map<String, DesiredCluster> d = desired(spec);
    Plan plan = new Planner().plan(spec, appliedAtOldPath(), d, null);
    assertEquals(MOVE, PlannerTest.addresses(plan));
    Step render = plan.steps().get(0);
    assertTrue(render.reason().startsWith("cluster.dev: path changed clusters/dev -> clusters/edge;"), render.reason());
    assertEquals("clusters/dev/flux-system", ((Action.RenderManifests) render.action()).movedFrom().dir());
    Action.RemoveManifests removal = (Action.RemoveManifests) plan.steps().get(5).action();
    assertEquals(new Action.RemoveManifests("dev", "fleet", "clusters/dev/flux-system", true), removal);
    assertTrue(plan.steps().get(3).reason().contains("prunes what it applied from ./clusters/dev"), plan.steps().get(3).reason());
  }

  @Test
  void aMoveWhoseNewFolderWasPushedPlansOnlyTheHealthWaitAndTheRemoval() {
    Spec spec = movedTo("clusters/edge");
    Map<String, DesiredCluster> d = PlannerTest.desiredAll(spec);
    State pushed = PlannerTest.appliedState(d);
    Map<String, String> m = new LinkedHashMap<>(pushed.resource(Addresses.manifests("dev")).attributes());
    m.putAll(Location.of(spec.clusters().get("dev"), PlannerTest.repo()).attributes(""));
    m.putAll(new Location("fleet", PlannerTest.repo().url(), "main", "clusters/dev/flux-system").attributes(Location.MOVED_FROM));
    pushed = pushed.with(Addresses.manifests("dev"), new ResourceState("manifests", m));
    assertEquals(MOVE.subList(4, 8), PlannerTest.addresses(new Planner().plan(spec, pushed, d, null)));
  }

  @Test
  void anOldFolderInARepositoryNoLongerInTheSpecIsLeftWithAWarning() {
    State other = appliedAtOldPath();
    Map<String, String> m = new LinkedHashMap<>(other.resource(Addresses.manifests("dev")).attributes());
    m.put("repository", "gone");
    other = other.with(Addresses.manifests("dev"), new ResourceState("manifests", m));
    Spec spec = movedTo("clusters/edge");
    Plan plan = new Planner().plan(spec, other, desired(spec), null);
    assertEquals(MOVE.subList(0, 5), PlannerTest.addresses(plan));
    assertTrue(plan.warnings().get(0).contains("repository changed gone -> fleet, path changed clusters/dev -> clusters/edge: its old folder gone@main:clusters/dev/flux-system/"), plan.warnings().toString());
  }

  @Test
  void hostKeysNoLongerUsedAreForgottenButNotUnderTarget() {
    Spec spec = PlannerTest.spec("dev");
    Map<String, DesiredCluster> d = PlannerTest.desiredAll(spec);
    State s = PlannerTest.appliedState(d).with("ssh_host.old.example.com:2222",
        new ResourceState("ssh_host", Map.of("fingerprint", "SHA256:abc", "known_hosts", "[old.example.com]:2222 ssh-ed25519 AAAA")));
    Plan plan = new Planner().plan(spec, s, d, null);
    assertEquals(List.of("- ssh_host.old.example.com:2222"), PlannerTest.addresses(plan));
    assertEquals(new Action.ForgetHostKey("old.example.com", 2222), plan.steps().get(0).action());
    Plan targeted = new Planner().plan(spec, s, d, null, List.of(), Set.of(), new Teardown(false, false, false, false, false, Set.of("dev")));
    assertEquals(List.of(), PlannerTest.addresses(targeted));
  }

  @Test
  void destroyingAClusterWhosePathChangedRemovesTheFolderWhereItWasWritten() {
    Spec spec = movedTo("clusters/edge");
    Plan plan = new Planner().plan(spec, appliedAtOldPath(), desired(spec), null, List.of(), Set.of(),
        new Teardown(true, false, false, false, false, Set.of()));
    List<Action> removals = plan.steps().stream().map(Step::action).filter(a -> a instanceof Action.RemoveManifests).toList();
    assertEquals(List.of(new Action.RemoveManifests("dev", "fleet", "clusters/dev/flux-system")), removals);
  }
}
