package io.fluxstrap.drift;

import java.util.List;

/**
 * The outcome of a drift run: per repository and cluster the checks performed, plus notes about the
 * run itself (e.g. a state lock held by a running apply). Rendered as text, JSON, JUnit XML and
 * Markdown from this one model.
 */
public record DriftReport(
    String specName,
    String specFile,
    String stateFile,
    String stateLineage,
    long stateSerial,
    List<String> notes,
    List<Unit> units) {
  public static final int FORMAT_VERSION = 1;

  public DriftReport {
    notes = List.copyOf(notes);
    units = List.copyOf(units);
  }

  public long count(Check.Result result) {
    return units.stream().mapToLong(u -> u.count(result)).sum();
  }

  public long checks() {
    return units.stream().mapToLong(u -> u.checks().size()).sum();
  }

  /** Drift, warnings and errors (notes are not findings a summary counts). */
  public long problems() {
    return count(Check.Result.DRIFT) + count(Check.Result.WARNING) + count(Check.Result.ERROR);
  }

  /** 1 when any check errored, else 2 when any found drift, else 0 (warnings and notes alone: 0). */
  public int exitCode() {
    if (count(Check.Result.ERROR) > 0) return 1;
    if (count(Check.Result.DRIFT) > 0) return 2;
    return 0;
  }

  /** {@code Drift: 3 findings on 1 of 2 clusters, 0 of 1 repositories; 1 error} or {@code No drift.} */
  public String summary() {
    long drift = count(Check.Result.DRIFT);
    long errors = count(Check.Result.ERROR);
    long warnings = count(Check.Result.WARNING);
    if (drift + errors == 0) {
      return warnings == 0 ? "No drift." : "No drift; " + plural(warnings, "warning") + ".";
    }
    StringBuilder b = new StringBuilder("Drift: ").append(plural(drift + errors + warnings, "finding")).append(" on ")
        .append(share(Unit.Kind.CLUSTER, "clusters")).append(", ").append(share(Unit.Kind.REPOSITORY, "repositories"));
    String tail = (errors > 0 ? plural(errors, "error") : "") + (errors > 0 && warnings > 0 ? ", " : "")
        + (warnings > 0 ? plural(warnings, "warning") : "");
    return b.append(tail.isEmpty() ? "" : "; " + tail).append(".").toString();
  }

  private String share(Unit.Kind kind, String noun) {
    List<Unit> of = units.stream().filter(u -> u.kind() == kind).toList();
    return of.stream().filter(Unit::hasProblems).count() + " of " + of.size() + " " + noun;
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
