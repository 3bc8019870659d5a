package io.fluxstrap.plan;

import java.util.List;

/**
 * A plan is plain data: the ordered steps, and what they were computed from. A saved plan applies
 * only to the state it was made against ({@code stateLineage}, {@code stateSerial}); the spec text
 * is embedded so that apply executes what was reviewed. A refresh-only plan ({@code refreshOnly})
 * has no steps: its {@code stateChanges} record what is live into state and touch nothing else.
 */
public record Plan(
    int formatVersion,
    String specFile,
    String specText,
    String stateLineage,
    long stateSerial,
    boolean refreshed,
    List<Step> steps,
    List<String> warnings,
    boolean refreshOnly,
    List<StateChange> stateChanges) {
  public static final int FORMAT_VERSION = 1;

  public Plan {
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
    stateChanges = stateChanges == null ? List.of() : List.copyOf(stateChanges);
    if (refreshOnly && !steps.isEmpty()) throw new IllegalArgumentException("a refresh-only plan has no steps");
  }

  /** A normal plan (steps, no state changes of its own). */
  public Plan(int formatVersion, String specFile, String specText, String stateLineage, long stateSerial, boolean refreshed,
      List<Step> steps, List<String> warnings) {
    this(formatVersion, specFile, specText, stateLineage, stateSerial, refreshed, steps, warnings, false, List.of());
  }

  /** True when there is nothing to do (not named isEmpty: that would become a JSON property). */
  public boolean noChanges() {
    return steps.isEmpty() && stateChanges.isEmpty();
  }
}
