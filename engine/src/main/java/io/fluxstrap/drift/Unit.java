package io.fluxstrap.drift;

import java.util.List;

/** A repository or a cluster and the checks performed on it, in the order they ran. */
public record Unit(String address, Kind kind, String name, List<Check> checks) {
  public Unit {
    checks = List.copyOf(checks);
  }

  public enum Kind {
    REPOSITORY("repository"),
    CLUSTER("cluster");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public List<Check> findings() {
    return checks.stream().filter(Check::isFinding).toList();
  }

  public long count(Check.Result result) {
    return checks.stream().filter(c -> c.result() == result).count();
  }

  /** True when a check of this unit found drift, an error or a warning (notes do not count). */
  public boolean hasProblems() {
    return checks.stream().anyMatch(c -> c.result() == Check.Result.DRIFT || c.result() == Check.Result.ERROR
        || c.result() == Check.Result.WARNING);
  }
}
