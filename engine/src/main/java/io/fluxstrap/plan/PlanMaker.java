package io.fluxstrap.plan;

import io.fluxstrap.manifests.ComponentsSource;
import io.fluxstrap.spec.KubeTarget;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Spec + state (+ a refresh of what is live) → desired form → plan. */
public final class PlanMaker {
  private final Connections connections;
  private final ComponentsSource components;
  private final Consumer<String> progress;

  public PlanMaker(Connections connections, ComponentsSource components, Consumer<String> progress) {
    this.connections = connections;
    this.components = components;
    this.progress = progress;
  }

  public record Result(Plan plan, Map<String, DesiredCluster> desired) {}

  public Result make(Spec spec, State state, boolean refresh, LocalDate today) {
    Map<String, DesiredCluster> desired = desired(spec, state.lineage());
    Live live = refresh ? new Refresher(connections, progress).refresh(spec, state.lineage()) : null;
    Plan plan = new Planner().plan(spec, state, desired, live);
    List<String> warnings = new ArrayList<>(sandboxNotes(spec));
    warnings.addAll(ExpiryWarnings.of(spec, today));
    warnings.addAll(plan.warnings());
    return new Result(new Plan(plan.formatVersion(), plan.specFile(), plan.specText(), plan.stateLineage(), plan.stateSerial(),
        plan.refreshed(), plan.steps(), warnings), desired);
  }

  /** A refresh-only plan: how state would change to match what is live; no step touches anything. */
  public Result makeRefreshOnly(Spec spec, State state, LocalDate today) {
    Map<String, DesiredCluster> desired = desired(spec, state.lineage());
    Live live = new Refresher(connections, progress).refresh(spec, state.lineage());
    List<String> warnings = new ArrayList<>(sandboxNotes(spec));
    warnings.addAll(ExpiryWarnings.of(spec, today));
    return new Result(RefreshOnly.plan(spec, state, desired, live, warnings), desired);
  }

  /** Sandbox clusters are labelled as such in every plan, so nobody mistakes them for a cluster. */
  static List<String> sandboxNotes(Spec spec) {
    return spec.clusters().values().stream()
        .filter(c -> c.target() instanceof KubeTarget.Sandbox)
        .map(c -> c.address() + " is a SANDBOX: a local Kubernetes API stand-in with simulated Flux controllers, kept in "
            + ((KubeTarget.Sandbox) c.target()).dir() + "; not a real cluster")
        .toList();
  }

  /** The desired form only: what a saved plan's apply re-renders and checks against the plan. */
  public Map<String, DesiredCluster> desired(Spec spec, String lineage) {
    return new DesiredBuilder(components, connections.credentials()).build(spec, lineage);
  }
}
