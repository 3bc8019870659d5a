package io.fluxstrap.plan;

import java.util.List;

/**
 * A plan is plain data: the ordered steps, and what they were computed from. A saved plan applies
 * only to the state it was made against ({@code stateLineage}, {@code stateSerial}); the spec text
 * is embedded so that apply executes what was reviewed.
 */
public record Plan(
    int formatVersion,
    String specFile,
    String specText,
    String stateLineage,
    long stateSerial,
    boolean refreshed,
    List<Step> steps,
    List<String> warnings) {
  public static final int FORMAT_VERSION = 1;

  public Plan {
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
  }

  /** True when there is nothing to do (not named isEmpty: that would become a JSON property). */
  public boolean noChanges() {
    return steps.isEmpty();
  }
}
