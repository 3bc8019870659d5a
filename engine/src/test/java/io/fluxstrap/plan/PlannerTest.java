package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.ClusterIdentity;
import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.FluxSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.testing.Specs;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner alone: desired vs live/state in, steps out. No Git, no cluster. */
class PlannerTest {
  static final String LINEAGE = "lineage-1";
  static final String FP = "hmac-sha256:" + "1".repeat(64);

  static RepositorySpec repo() {
    return Specs.repo();
  }

  static ClusterSpec cluster(String name) {
    return Specs.cluster(name, FluxSpec.DEFAULT_COMPONENTS);
  }

  static Spec spec(String... clusters) {
    return Specs.spec(java.util.Arrays.stream(clusters).map(PlannerTest::cluster).toList());
  }

  static DesiredCluster desired(ClusterSpec c, String components, String fingerprint) {
    String dir = c.fluxDir() + "/";
    return new DesiredCluster(c, repo(), repo().url(), List.of(
        new RenderedFile(dir + "gotk-components.yaml", components),
        new RenderedFile(dir + "gotk-sync.yaml", "sync of " + c.name()),
        new RenderedFile(dir + "kustomization.yaml", "kustomization")), List.of("password", "username"), fingerprint);
  }

  static Map<String, DesiredCluster> desiredAll(Spec spec) {
    Map<String, DesiredCluster> m = new LinkedHashMap<>();
    spec.clusters().values().forEach(c -> m.put(c.name(), desired(c, "components v2.7.5", FP)));
    return m;
  }

  /** What is live after a complete apply of {@code d}. */
  static Live.Cluster liveInSync(DesiredCluster d, String fingerprint) {
    Map<String, Object> git = Map.of("url", d.syncUrl(), "ref", Map.of("branch", "main"), "interval", "1m0s", "secretRef", Map.of("name", "flux-system"));
    Map<String, Object> ks = Map.of("path", d.cluster().syncPath());
    return new Live.Cluster(new ClusterIdentity("uid-" + d.cluster().name(), "https://k"), true, fingerprint, Set.of("password", "username"), git, ks, Set.of());
  }

  static State appliedState(Map<String, DesiredCluster> desired) {
    State s = new State(1, 7, LINEAGE, "test", Map.of());
    for (DesiredCluster d : desired.values()) {
      String c = d.cluster().name();
      Map<String, String> files = new HashMap<>();
      d.fileHashes().forEach((p, h) -> files.put("file:" + p, h));
      s = s.with(Addresses.manifests(c), new ResourceState("manifests", files));
      s = s.with(Addresses.cluster(c), new ResourceState("cluster", Map.of("uid", "uid-" + c)));
      s = s.with(Addresses.namespace(c), new ResourceState("namespace", Map.of("name", "flux-system")));
      s = s.with(Addresses.secret(c), new ResourceState("secret", Map.of("fingerprint", d.secretFingerprint())));
      s = s.with(Addresses.components(c), new ResourceState("components", Map.of("sha256", d.hash("gotk-components.yaml"), "version", "v2.7.5")));
      s = s.with(Addresses.sync(c), new ResourceState("sync", Map.of("sha256", d.hash("gotk-sync.yaml"))));
    }
    return s.with(Addresses.repository("fleet"), new ResourceState("repository", Map.of("head", "a".repeat(40))));
  }

  static Live liveAll(Map<String, DesiredCluster> desired) {
    Map<String, String> files = new HashMap<>();
    Map<String, Live.Cluster> clusters = new HashMap<>();
    for (DesiredCluster d : desired.values()) {
      files.putAll(d.fileHashes());
      clusters.put(d.cluster().name(), liveInSync(d, d.secretFingerprint()));
    }
    return new Live(Map.of("fleet", new Live.Repository("a".repeat(40), files)), clusters);
  }

  static List<String> addresses(Plan p) {
    return p.steps().stream().map(s -> s.change().symbol() + " " + s.address()).toList();
  }

  @Test
  void freshBootstrapPlansEveryStepInOrder() {
    Spec spec = spec("dev");
    Live live = new Live(Map.of("fleet", new Live.Repository(null, Map.of())),
        Map.of("dev", new Live.Cluster(new ClusterIdentity("u", "s"), false, null, Set.of(), null, null, Set.copyOf(FluxSpec.DEFAULT_COMPONENTS))));
    Plan plan = new Planner().plan(spec, State.empty("t"), desiredAll(spec), live);
    assertEquals(List.of("+ cluster.dev.manifests", "+ repository.fleet.commit", "+ repository.fleet.push", "+ cluster.dev.namespace",
        "+ cluster.dev.secret", "+ cluster.dev.components", "+ cluster.dev.sync", "<= cluster.dev.health"), addresses(plan));
    Action.Push push = (Action.Push) plan.steps().get(2).action();
    assertEquals(null, push.baseHead());
    assertTrue(plan.refreshed());
  }

  @Test
  void appliedAndUnchangedIsNoChangesWithAndWithoutRefresh() {
    Spec spec = spec("dev", "prod");
    Map<String, DesiredCluster> d = desiredAll(spec);
    assertEquals(List.of(), addresses(new Planner().plan(spec, appliedState(d), d, liveAll(d))));
    assertEquals(List.of(), addresses(new Planner().plan(spec, appliedState(d), d, null)));
  }

  @Test
  void rotatedTokenUpdatesOnlyTheSecret() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> applied = desiredAll(spec);
    Map<String, DesiredCluster> rotated = Map.of("dev", desired(spec.clusters().get("dev"), "components v2.7.5", "hmac-sha256:" + "2".repeat(64)));
    Plan plan = new Planner().plan(spec, appliedState(applied), rotated, liveAll(applied));
    assertEquals(List.of("~ cluster.dev.secret"), addresses(plan));
    assertTrue(plan.steps().get(0).reason().contains("credential rotated"), plan.steps().get(0).reason());
    assertEquals("(sensitive)", plan.steps().get(0).after().get("password"));
  }

  @Test
  void deletedSecretOnTheClusterIsCreatedAgain() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    Live live = liveAll(d);
    Live.Cluster c = live.clusters().get("dev");
    Live noSecret = new Live(live.repositories(), Map.of("dev", new Live.Cluster(c.identity(), true, null, Set.of(), c.gitRepository(), c.kustomization(), Set.of())));
    Plan plan = new Planner().plan(spec, appliedState(d), d, noSecret);
    assertEquals(List.of("+ cluster.dev.secret"), addresses(plan));
    assertTrue(plan.steps().get(0).reason().contains("does not exist"));
  }

  @Test
  void twoClustersOfOneRepositoryShareOneCommitAndOnePush() {
    Spec spec = spec("dev", "prod");
    Plan plan = new Planner().plan(spec, State.empty("t"), desiredAll(spec), null);
    assertEquals(1, plan.steps().stream().filter(s -> s.action() instanceof Action.Commit).count());
    assertEquals(1, plan.steps().stream().filter(s -> s.action() instanceof Action.Push).count());
    Action.Commit commit = (Action.Commit) plan.steps().stream().filter(s -> s.action() instanceof Action.Commit).findFirst().orElseThrow().action();
    assertEquals(6, commit.paths().size());
    assertTrue(commit.message().startsWith("Add Flux v2.7.5 component and sync manifests"), commit.message());
  }

  @Test
  void existingKustomizationYamlIsLeftToTheUser() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    Live live = liveAll(d);
    Map<String, String> files = new HashMap<>(live.repositories().get("fleet").files());
    files.put("clusters/dev/flux-system/kustomization.yaml", Fingerprints.sha256("patched by the user"));
    Live patched = new Live(Map.of("fleet", new Live.Repository("b".repeat(40), files)), live.clusters());
    assertEquals(List.of(), addresses(new Planner().plan(spec, appliedState(d), d, patched)));
  }

  @Test
  void handEditedComponentsFileIsRestoredWithAReason() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    Live live = liveAll(d);
    Map<String, String> files = new HashMap<>(live.repositories().get("fleet").files());
    files.put("clusters/dev/flux-system/gotk-components.yaml", Fingerprints.sha256("edited"));
    Plan plan = new Planner().plan(spec, appliedState(d), d, new Live(Map.of("fleet", new Live.Repository("b".repeat(40), files)), live.clusters()));
    assertEquals(List.of("~ cluster.dev.manifests", "+ repository.fleet.commit", "~ repository.fleet.push", "<= cluster.dev.health"), addresses(plan));
    assertTrue(plan.steps().get(0).reason().contains("changed in fleet@main since the last apply"), plan.steps().get(0).reason());
    assertEquals("b".repeat(40), ((Action.Push) plan.steps().get(2).action()).baseHead());
  }

  @Test
  void refusesToRepointAKustomizationWithAnotherPath() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    Live live = liveAll(d);
    Live.Cluster c = live.clusters().get("dev");
    Live other = new Live(live.repositories(), Map.of("dev", new Live.Cluster(c.identity(), true, c.secretFingerprint(), c.secretKeys(),
        c.gitRepository(), Map.of("path", "./clusters/elsewhere"), Set.of())));
    UserException e = assertThrows(UserException.class, () -> new Planner().plan(spec, appliedState(d), d, other));
    assertTrue(e.getMessage().contains("would overwrite path"), e.getMessage());
  }

  @Test
  void refusesStateOfAnotherCluster() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    Live live = liveAll(d);
    Live.Cluster c = live.clusters().get("dev");
    Live swapped = new Live(live.repositories(), Map.of("dev", new Live.Cluster(new ClusterIdentity("someone-else", "https://b"), true,
        c.secretFingerprint(), c.secretKeys(), c.gitRepository(), c.kustomization(), Set.of())));
    UserException e = assertThrows(UserException.class, () -> new Planner().plan(spec, appliedState(d), d, swapped));
    assertTrue(e.getMessage().contains("different cluster"), e.getMessage());
  }

  @Test
  void editedSyncObjectOnTheClusterIsReappliedNamingTheField() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    Live live = liveAll(d);
    Live.Cluster c = live.clusters().get("dev");
    Map<String, Object> git = new HashMap<>(c.gitRepository());
    git.put("url", "https://elsewhere");
    Live edited = new Live(live.repositories(), Map.of("dev", new Live.Cluster(c.identity(), true, c.secretFingerprint(), c.secretKeys(), git, c.kustomization(), Set.of())));
    Plan plan = new Planner().plan(spec, appliedState(d), d, edited);
    assertEquals(List.of("~ cluster.dev.sync", "<= cluster.dev.health"), addresses(plan));
    assertTrue(plan.steps().get(0).reason().contains("url"), plan.steps().get(0).reason());
    assertEquals("https://elsewhere", plan.steps().get(0).before().get("url"));
  }

  @Test
  void aUsersKustomizationYamlIsNotRecreatedWithoutRefresh() {
    Spec spec = spec("dev");
    Map<String, DesiredCluster> d = desiredAll(spec);
    State state = appliedState(d);
    Map<String, String> attrs = new HashMap<>(state.resource(Addresses.manifests("dev")).attributes());
    attrs.remove("file:clusters/dev/flux-system/kustomization.yaml");
    State withoutIt = state.with(Addresses.manifests("dev"), new ResourceState("manifests", attrs));
    assertEquals(List.of(), addresses(new Planner().plan(spec, withoutIt, d, null)));
  }

  @Test
  void healthWaitIsSkippedWhenTheSpecSaysSo() {
    ClusterSpec c = cluster("dev");
    ClusterSpec noWait = new ClusterSpec(c.name(), c.target(), c.repository(), c.path(), c.flux(), c.sync(),
        new io.fluxstrap.spec.HealthSpec(false, java.time.Duration.ofMinutes(5)));
    Spec spec = Specs.spec(List.of(noWait));
    Map<String, DesiredCluster> d = Map.of("dev", desired(noWait, "components v2.7.5", FP));
    Plan plan = new Planner().plan(spec, State.empty("t"), d, null);
    assertTrue(plan.steps().stream().noneMatch(s -> s.action() instanceof Action.WaitHealthy), addresses(plan).toString());
    assertEquals(7, plan.steps().size());
  }
}
