package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides; never acts. Compares the desired form of each cluster with what is live (after a
 * refresh) or, without a refresh, with what the state says was applied, and emits the ordered
 * steps: repository steps first (render, one commit and one push per repository), then per
 * cluster namespace, secret, components, sync and health.
 */
public final class Planner {
  public Plan plan(Spec spec, State state, Map<String, DesiredCluster> desired, Live live) {
    return plan(spec, state, desired, live, List.of(), java.util.Set.of());
  }

  /**
   * {@code trustSteps}: host keys to record (from {@link HostKeyResolver}); {@code replace}:
   * addresses to replace (-replace). Order: trust and key generation first (the user registers a
   * new key before anything else changes), then repository steps, then cluster steps.
   */
  public Plan plan(Spec spec, State state, Map<String, DesiredCluster> desired, Live live, List<Step> trustSteps, java.util.Set<String> replace) {
    return plan(spec, state, desired, live, trustSteps, replace, Teardown.REMOVED_ONLY);
  }

  /**
   * As above; {@code teardown} says what to destroy besides the clusters removed from the spec
   * (destroy, plan -destroy: all of them, or the -target ones) and how. Destroying plans no creates:
   * steps 1-5 of each destroyed cluster come before the repository steps (Flux is suspended before
   * its folder goes), forgetting comes last.
   */
  public Plan plan(Spec spec, State state, Map<String, DesiredCluster> desired, Live live, List<Step> trustSteps, java.util.Set<String> replace,
      Teardown teardown) {
    return plan(spec, state, desired, live, trustSteps, replace, teardown, UpgradePlanner.Policy.DEFAULT);
  }

  /** {@code upgrades}: whether downgrades and upgrades across removed API versions may be planned. */
  Plan plan(Spec spec, State state, Map<String, DesiredCluster> desired, Live live, List<Step> trustSteps,
      java.util.Set<String> replace, Teardown teardown, UpgradePlanner.Policy upgrades) {
    Observed observed = new Observed(state, live);
    DestroyPlanner.Result destroy = DestroyPlanner.plan(spec, state, observed, teardown);
    if (teardown.all()) return destroyOnly(spec, state, live, trustSteps, destroy, observed);
    MovePlanner.Result moves = MovePlanner.plan(spec, state);
    List<Step> keySteps = new ArrayList<>(trustSteps);
    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      if (d.generateKey() == null) continue;
      Step key = KeyPlanner.keyStep(d, observed, replace);
      if (key != null) keySteps.add(key);
    }
    List<Step> repoSteps = new ArrayList<>();
    List<Step> clusterSteps = new ArrayList<>();
    List<String> warnings = new ArrayList<>(moves.warnings());
    Map<String, List<Step>> rendersByRepo = new LinkedHashMap<>();

    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      observed.checkIdentity(c);
      java.util.Optional<Step> render = RepositoryPlanner.render(d, observed);
      MovePlanner.Move move = moves.moves().get(c.name());
      if (move != null && move.renders()) render = java.util.Optional.of(MovePlanner.replace(move, render.orElse(null), d));
      render.ifPresent(s -> rendersByRepo.computeIfAbsent(c.repository(), k -> new ArrayList<>()).add(s));
    }
    for (RepositorySpec r : spec.repositories().values()) {
      List<Step> renders = rendersByRepo.getOrDefault(r.name(), List.of());
      List<Step> removals = destroy.removals().getOrDefault(r.name(), List.of());
      if (renders.isEmpty() && removals.isEmpty()) continue;
      repoSteps.addAll(renders);
      repoSteps.addAll(removals);
      repoSteps.addAll(RepositoryPlanner.commitAndPush(r, renders, removals, desired, observed));
    }
    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      boolean repoChanges = rendersByRepo.getOrDefault(c.repository(), List.of()).stream()
          .anyMatch(s -> ((Action.RenderManifests) s.action()).cluster().equals(c.name()));
      ComponentsChange change = UpgradePlanner.plan(d, observed, upgrades, warnings);
      clusterSteps.addAll(MovePlanner.adjust(moves.moves().get(c.name()), d, ClusterPlanner.steps(d, observed, repoChanges, warnings, replace, change)));
    }
    List<Step> steps = new ArrayList<>(keySteps);
    steps.addAll(destroy.cluster());
    steps.addAll(repoSteps);
    steps.addAll(clusterSteps);
    steps.addAll(MovePlanner.removals(spec, moves, observed)); // after every cluster's steps: once Flux is Ready at the new place
    steps.addAll(destroy.forget());
    steps.addAll(forgetRepositories(spec, state, teardown));
    if (teardown.targets().isEmpty()) steps.addAll(HostKeyResolver.unused(spec, state));
    return new Plan(Plan.FORMAT_VERSION, spec.file() == null ? "" : spec.file().toString(), spec.sourceText(),
        state.lineage(), state.serial(), live != null, steps, warnings);
  }

  /** destroy / plan -destroy: only the destroy steps (and host keys a push needs trusted). */
  private static Plan destroyOnly(Spec spec, State state, Live live, List<Step> trustSteps, DestroyPlanner.Result destroy, Observed observed) {
    List<Step> steps = new ArrayList<>();
    if (!destroy.isEmpty()) steps.addAll(trustSteps);
    steps.addAll(destroy.cluster());
    for (RepositorySpec r : spec.repositories().values()) {
      List<Step> removals = destroy.removals().getOrDefault(r.name(), List.of());
      if (removals.isEmpty()) continue;
      steps.addAll(removals);
      steps.addAll(RepositoryPlanner.commitAndPush(r, List.of(), removals, Map.of(), observed));
    }
    steps.addAll(destroy.forget());
    return new Plan(Plan.FORMAT_VERSION, spec.file() == null ? "" : spec.file().toString(), spec.sourceText(),
        state.lineage(), state.serial(), live != null, steps, List.of());
  }

  /** repository.NAME records of repositories the spec no longer names: forgotten (the repositories themselves are kept). */
  private static List<Step> forgetRepositories(Spec spec, State state, Teardown teardown) {
    if (!teardown.targets().isEmpty()) return List.of();
    List<Step> steps = new ArrayList<>();
    for (var e : state.resources().entrySet()) {
      String address = e.getKey();
      if (!address.startsWith("repository.") || address.indexOf('.', "repository.".length()) >= 0) continue;
      String name = address.substring("repository.".length());
      if (spec.repositories().containsKey(name)) continue;
      Map<String, String> before = new java.util.LinkedHashMap<>();
      if (e.getValue().get("url") != null) before.put("url", e.getValue().get("url"));
      steps.add(new Step(address, ChangeKind.DELETE, address + " is in state but not in the spec; the repository itself is left alone",
          new Action.ForgetRepository(name), before, Map.of()));
    }
    return steps;
  }

  /** Refuses to plan when a refresh shows a cluster other than the recorded one. */
  public static void refuseOtherCluster(String address, String recordedUid, String liveUid, String server) {
    if (recordedUid != null && liveUid != null && !recordedUid.equals(liveUid)) {
      throw new UserException(address + ": the kubeconfig context now reaches a different cluster (" + server
          + ", kube-system uid " + liveUid + ") than the one recorded in state (uid " + recordedUid
          + "); refusing to apply state of one cluster to another. Check the context, or remove "
          + address + " from state if the cluster was really rebuilt");
    }
  }
}
