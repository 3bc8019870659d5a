/**
 * Drift detection: a read-only comparison of the spec, the recorded state and what is live, per
 * repository and per cluster. Every check performed is kept (passing ones too, for test reports);
 * the failing ones are findings with the step {@code apply} would take, taken from the planner run
 * on the same refresh, or a hint when no step fixes them. Nothing here writes anywhere.
 */
package io.fluxstrap.drift;
