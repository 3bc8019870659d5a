package io.fluxstrap.spec;

/**
 * The outcome of checking one user-written value: the normalised value, or a short problem (never
 * both). Problems are plain lower-case phrases that never echo a secret.
 */
public record Normalized(String value, String problem) {
  public Normalized {
    if ((value == null) == (problem == null)) throw new IllegalArgumentException("exactly one of value and problem");
  }

  public static Normalized of(String value) {
    return new Normalized(value, null);
  }

  public static Normalized problem(String problem) {
    return new Normalized(null, problem);
  }

  public boolean ok() {
    return problem == null;
  }
}
