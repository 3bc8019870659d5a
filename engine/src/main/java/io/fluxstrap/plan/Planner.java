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
    Observed observed = new Observed(state, live);
    List<Step> keySteps = new ArrayList<>(trustSteps);
    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      if (d.generateKey() == null) continue;
      Step key = KeyPlanner.keyStep(d, observed, replace);
      if (key != null) keySteps.add(key);
    }
    List<Step> repoSteps = new ArrayList<>();
    List<Step> clusterSteps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, List<Step>> rendersByRepo = new LinkedHashMap<>();

    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      observed.checkIdentity(c);
      RepositoryPlanner.render(d, observed).ifPresent(s -> rendersByRepo.computeIfAbsent(c.repository(), k -> new ArrayList<>()).add(s));
    }
    for (RepositorySpec r : spec.repositories().values()) {
      List<Step> renders = rendersByRepo.getOrDefault(r.name(), List.of());
      if (renders.isEmpty()) continue;
      repoSteps.addAll(renders);
      repoSteps.addAll(RepositoryPlanner.commitAndPush(r, renders, desired, observed));
    }
    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      boolean repoChanges = rendersByRepo.getOrDefault(c.repository(), List.of()).stream()
          .anyMatch(s -> ((Action.RenderManifests) s.action()).cluster().equals(c.name()));
      clusterSteps.addAll(ClusterPlanner.steps(d, observed, repoChanges, warnings, replace));
    }
    List<Step> steps = new ArrayList<>(keySteps);
    steps.addAll(repoSteps);
    steps.addAll(clusterSteps);
    return new Plan(Plan.FORMAT_VERSION, spec.file() == null ? "" : spec.file().toString(), spec.sourceText(),
        state.lineage(), state.serial(), live != null, steps, warnings);
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
