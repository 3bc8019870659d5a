package io.fluxstrap.plan;

import io.fluxstrap.manifests.ComponentsSource;
import io.fluxstrap.spec.KubeTarget;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * How to plan: {@code replace} lists addresses to replace (-replace: a cluster's ssh_key, an
   * ssh_host); {@code acceptHostKey} trusts a scanned host key for the CLI's own SSH connection.
   */
  public record Options(boolean refresh, Set<String> replace, boolean acceptHostKey, LocalDate today, Teardown teardown,
      boolean allowDowngrade, boolean skipApiCheck) {
    public Options {
      replace = Set.copyOf(replace);
      teardown = teardown == null ? Teardown.REMOVED_ONLY : teardown;
    }

    public Options(boolean refresh, Set<String> replace, boolean acceptHostKey, LocalDate today) {
      this(refresh, replace, acceptHostKey, today, Teardown.REMOVED_ONLY);
    }

    public Options(boolean refresh, Set<String> replace, boolean acceptHostKey, LocalDate today, Teardown teardown) {
      this(refresh, replace, acceptHostKey, today, teardown, false, false);
    }

    public Options withTeardown(Teardown t) {
      return new Options(refresh, replace, acceptHostKey, today, t, allowDowngrade, skipApiCheck);
    }

    /** The same options with the upgrade flags: --allow-downgrade, --skip-api-check. */
    public Options upgrades(boolean allowDowngrade, boolean skipApiCheck) {
      return new Options(refresh, replace, acceptHostKey, today, teardown, allowDowngrade, skipApiCheck);
    }
  }

  public Result make(Spec spec, State state, boolean refresh, LocalDate today) {
    return make(spec, state, new Options(refresh, Set.of(), false, today));
  }

  public Result make(Spec fullSpec, State state, Options options) {
    // -target: only these clusters are planned (validated against the full spec and state first)
    DestroyPlanner.chosen(fullSpec, state, new Teardown(false, false, false, false, false, options.teardown().targets()));
    Spec spec = Targets.only(fullSpec, options.teardown().targets());
    Replacements.check(spec, options.replace());
    HostKeyResolver.Result trust = trust(spec, state, options.replace(), options.acceptHostKey());
    Map<String, DesiredCluster> desired = desired(spec, state.lineage(), trust.hosts());
    Live live = null;
    if (options.refresh()) {
      Refresher refresher = new Refresher(connections, progress);
      live = refresher.refresh(spec, state.lineage());
      for (String gone : DestroyPlanner.chosen(spec, state, options.teardown()).keySet()) {
        if (!spec.clusters().containsKey(gone)) refresher.checkRecordedIdentity(state, gone);
      }
    }
    Plan plan = new Planner().plan(spec, state, desired, live, trust.steps(), options.replace(), options.teardown(),
        new UpgradePlanner.Policy(options.allowDowngrade(), options.skipApiCheck()));
    LocalDate today = options.today();
    List<String> warnings = new ArrayList<>(sandboxNotes(spec));
    warnings.addAll(ExpiryWarnings.of(spec, today));
    warnings.addAll(Unrecorded.warnings(spec, state, live));
    warnings.addAll(plan.warnings());
    warnings.addAll(entraNotes(spec));
    return new Result(new Plan(plan.formatVersion(), plan.specFile(), plan.specText(), plan.stateLineage(), plan.stateSerial(),
        plan.refreshed(), plan.steps(), warnings), desired);
  }

  /** A refresh-only plan: how state would change to match what is live; no step touches anything. */
  public Result makeRefreshOnly(Spec spec, State state, LocalDate today) {
    TrustedHosts hosts = trust(spec, state, Set.of(), false).hosts();
    Map<String, DesiredCluster> desired = desired(spec, state.lineage(), hosts);
    Live live = new Refresher(connections, progress).refresh(spec, state.lineage());
    List<String> warnings = new ArrayList<>(sandboxNotes(spec));
    warnings.addAll(ExpiryWarnings.of(spec, today));
    return new Result(RefreshOnly.plan(spec, state, desired, live, warnings), desired);
  }

  /** The desired form with SSH host keys resolved (pinned, recorded, or scanned for the cluster): for import. */
  public Map<String, DesiredCluster> desiredTrusted(Spec spec, State state) {
    return desired(spec, state.lineage(), trust(spec, state, Set.of(), false).hosts());
  }

  /** Resolves the SSH host keys to trust and hands them to the connections (Git over SSH checks against them). */
  private HostKeyResolver.Result trust(Spec spec, State state, Set<String> replace, boolean accept) {
    HostKeyResolver.Result trust = new HostKeyResolver().resolve(spec, state, replace, accept, () -> {
      progress.accept("scanning SSH host keys");
      return connections.hostKeyScanner();
    });
    connections.trust(trust.hosts());
    return trust;
  }

  /** The identity each Entra ID repository pushes as (tenant, client / object id; never the token). */
  private List<String> entraNotes(Spec spec) {
    List<String> notes = new ArrayList<>();
    for (var r : spec.repositories().values()) {
      if (!(r.auth() instanceof io.fluxstrap.spec.GitAuth.Entra)) continue;
      connections.entraIdentity(r).ifPresent(id -> notes.add(r.address() + " pushes as the Entra ID identity " + id));
    }
    return notes;
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
    return desired(spec, lineage, TrustedHosts.none());
  }

  /** The desired form with the SSH host keys trusted for this run (a saved plan's, on apply). */
  public Map<String, DesiredCluster> desired(Spec spec, String lineage, TrustedHosts hosts) {
    return new DesiredBuilder(components, connections.credentials(), hosts).build(spec, lineage);
  }
}
