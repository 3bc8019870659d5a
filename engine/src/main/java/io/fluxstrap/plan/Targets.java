package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -target=cluster.NAME} (repeatable), Terraform's resource targeting: a run limited to
 * some clusters and the repositories they use. Nothing else is read, planned or changed, so the
 * result is partial, and says so. No targets means the whole spec. A target may also name a
 * cluster only in state (one removed from the spec), which only destroy plans act on.
 */
public record Targets(Set<String> clusters) {
  public static final Targets ALL = new Targets(Set.of());

  /**
   * The spec narrowed to the targeted clusters (all repositories kept), so a plan touches only
   * them; the others are neither planned nor, being still in the full spec, destroyed.
   */
  public static io.fluxstrap.spec.Spec only(io.fluxstrap.spec.Spec spec, Set<String> targets) {
    if (targets.isEmpty()) return spec;
    java.util.Map<String, io.fluxstrap.spec.ClusterSpec> kept = new java.util.LinkedHashMap<>();
    spec.clusters().forEach((name, c) -> {
      if (targets.contains(name)) kept.put(name, c);
    });
    return new io.fluxstrap.spec.Spec(spec.file(), spec.sourceText(), spec.name(), spec.stateFile(), spec.repositories(), kept);
  }

  /** Terraform's words, for plans made with -target (kept in a saved plan's warnings). */
  public static final String PLAN_WARNING = "Resource targeting is in effect. You are creating a plan with the -target option,"
      + " which means that the result of this plan may not represent all of the changes requested by the current spec."
      + " The -target option is not for routine use, and is provided only for exceptional situations such as recovering"
      + " from errors or mistakes (one failing cluster of a fleet).";

  public static final String APPLY_WARNING = "Applied changes may be incomplete. The plan was created with the -target option in effect,"
      + " so some changes requested in the spec may have been ignored. Run `fluxstrap plan` without -target to verify that"
      + " no other changes are pending.";

  public static final String DRIFT_NOTE = "Resource targeting is in effect: only the targeted clusters and their repositories"
      + " were checked; the report does not cover the rest of the spec.";

  public Targets {
    clusters = Set.copyOf(clusters);
  }

  /** The -target values (none: the whole spec), each {@code cluster.NAME}; existence is checked against spec and state later. */
  public static Targets of(List<String> given) {
    return given == null || given.isEmpty() ? ALL : new Targets(clusters(given));
  }

  /** Parses -target=cluster.NAME values into cluster names, refusing anything else with the flag named. */
  public static Set<String> clusters(List<String> values) {
    Set<String> names = new LinkedHashSet<>();
    for (String raw : values) {
      String v = raw.strip();
      if (!v.startsWith("cluster.") || v.length() == "cluster.".length() || v.indexOf('.', "cluster.".length()) >= 0) {
        throw new UserException("-target takes a cluster address, cluster.NAME, not '" + v + "'");
      }
      names.add(v.substring("cluster.".length()));
    }
    return names;
  }

  /** Refuses a target that is neither in the spec nor in state (plans check this when choosing what to destroy). */
  public void check(Spec spec, State state) {
    Set<String> inState = Addresses.clustersIn(state);
    for (String target : clusters) {
      if (!spec.clusters().containsKey(target) && !inState.contains(target)) {
        throw new UserException("-target=cluster." + target + ": no such cluster in the spec or in state");
      }
    }
  }

  public boolean all() {
    return clusters.isEmpty();
  }

  /** The spec with only the targeted clusters, in the file's order, and the repositories they use. */
  public Spec limit(Spec spec) {
    if (all()) return spec;
    Map<String, ClusterSpec> kept = new LinkedHashMap<>();
    Map<String, RepositorySpec> repos = new LinkedHashMap<>();
    for (ClusterSpec c : spec.clusters().values()) {
      if (!clusters.contains(c.name())) continue;
      kept.put(c.name(), c);
      RepositorySpec r = spec.repositoryOf(c);
      repos.put(r.name(), r);
    }
    Map<String, RepositorySpec> ordered = new LinkedHashMap<>();
    spec.repositories().forEach((name, r) -> {
      if (repos.containsKey(name)) ordered.put(name, r);
    });
    return spec.withUnits(ordered, kept);
  }

  /**
   * The plan carrying {@link #PLAN_WARNING} first among its warnings. Its steps are already limited:
   * the spec was {@link #limit}ed, and what is destroyed follows the same targets (Teardown).
   */
  public Plan mark(Plan plan) {
    if (all()) return plan;
    List<String> warnings = new ArrayList<>();
    warnings.add(PLAN_WARNING);
    warnings.addAll(plan.warnings());
    return new Plan(plan.formatVersion(), plan.specFile(), plan.specText(), plan.stateLineage(), plan.stateSerial(), plan.refreshed(),
        plan.steps(), warnings, plan.refreshOnly(), plan.stateChanges());
  }

  /** Whether {@code plan} was made with -target (its warnings say so). */
  public static boolean targeted(Plan plan) {
    return plan.warnings().contains(PLAN_WARNING);
  }
}
