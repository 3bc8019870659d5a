package io.fluxstrap.apply;

import java.util.List;

/**
 * Some clusters failed while the others completed. State records every step that finished, on
 * every cluster, so the next apply continues with only what is left. Messages are the causes'
 * (already free of secrets).
 */
public final class ClusterFailures extends RuntimeException {
  private final List<StepFailure> failures;
  private final int clusters;
  private final int completed;

  public ClusterFailures(List<StepFailure> failures, int clusters, int completed) {
    super(failures.size() + " of " + clusters + " cluster(s) failed", null, false, false);
    this.failures = List.copyOf(failures);
    this.clusters = clusters;
    this.completed = completed;
  }

  /** One per failed cluster, in spec order: the step that failed and why. */
  public List<StepFailure> failures() {
    return failures;
  }

  /** How many clusters had steps to run. */
  public int clusters() {
    return clusters;
  }

  /** Steps finished in the whole run, on every cluster. */
  public int completed() {
    return completed;
  }
}
