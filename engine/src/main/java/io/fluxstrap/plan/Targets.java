package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -target=cluster.NAME} (repeatable), Terraform's resource targeting: a run limited to
 * some clusters and the repositories they use. Nothing else is read, planned or changed, so the
 * result is partial, and says so. No targets means the whole spec.
 */
public record Targets(Set<String> clusters) {
  public static final Targets ALL = new Targets(Set.of());

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

  /** Parses the values of -target against {@code spec}: each must be {@code cluster.NAME} of a cluster it defines. */
  public static Targets parse(Collection<String> given, Spec spec) {
    if (given == null || given.isEmpty()) return ALL;
    Set<String> names = new LinkedHashSet<>();
    for (String raw : given) {
      String t = raw.strip();
      if (!t.startsWith("cluster.") || t.length() == "cluster.".length() || t.indexOf('.', "cluster.".length()) >= 0) {
        throw new UserException("-target=" + raw + ": give a cluster's address, cluster.NAME (one of: " + list(spec) + ")");
      }
      String name = t.substring("cluster.".length());
      if (!spec.clusters().containsKey(name)) {
        throw new UserException("-target=" + raw + ": the spec has no cluster '" + name + "' (its clusters: " + list(spec) + ")");
      }
      names.add(name);
    }
    return new Targets(names);
  }

  private static String list(Spec spec) {
    List<String> names = new ArrayList<>(spec.clusters().keySet());
    if (names.size() > 10) return String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    return String.join(", ", names);
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
   * Whether a plan step's address is inside the targets: a targeted cluster or anything under it,
   * a repository a targeted cluster uses, or an SSH host key (trusted for the repositories kept).
   */
  public boolean includes(String address, Spec spec) {
    if (all() || address.startsWith("ssh_host.")) return true;
    for (String name : clusters) {
      String a = Addresses.cluster(name);
      if (address.equals(a) || address.startsWith(a + ".")) return true;
      String r = Addresses.repository(spec.clusters().get(name).repository());
      if (address.equals(r) || address.startsWith(r + ".")) return true;
    }
    return false;
  }

  /** The plan with only the targeted steps, carrying {@link #PLAN_WARNING} first among its warnings. */
  public Plan mark(Plan plan, Spec spec) {
    if (all()) return plan;
    List<String> warnings = new ArrayList<>();
    warnings.add(PLAN_WARNING);
    warnings.addAll(plan.warnings());
    return new Plan(plan.formatVersion(), plan.specFile(), plan.specText(), plan.stateLineage(), plan.stateSerial(), plan.refreshed(),
        plan.steps().stream().filter(s -> includes(s.address(), spec)).toList(), warnings, plan.refreshOnly(),
        plan.stateChanges().stream().filter(c -> includes(c.address(), spec)).toList());
  }

  /** Whether {@code plan} was made with -target (its warnings say so). */
  public static boolean targeted(Plan plan) {
    return plan.warnings().contains(PLAN_WARNING);
  }
}
