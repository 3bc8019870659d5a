package io.fluxstrap.plan;

import java.util.Set;

/**
 * How a plan destroys. {@code all}: destroy every cluster in state (destroy, plan -destroy), not
 * only those removed from the spec; {@code targets}: only these clusters (-target=cluster.NAME),
 * none = all. The keep flags leave what they name in place (and forget it).
 */
public record Teardown(boolean all, boolean pruneWorkloads, boolean keepCrds, boolean keepNamespace, boolean keepRepositoryFiles,
    Set<String> targets) {
  /** A normal plan: clusters removed from the spec are destroyed, with the defaults. */
  public static final Teardown REMOVED_ONLY = new Teardown(false, false, false, false, false, Set.of());

  public Teardown {
    targets = Set.copyOf(targets);
  }

  boolean targeted(String cluster) {
    return targets.isEmpty() || targets.contains(cluster);
  }
}
