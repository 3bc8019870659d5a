package io.fluxstrap.drift;

/**
 * One check performed on a unit and its outcome. {@code id} is stable (e.g. {@code secret.content})
 * so pipelines can match on it; {@code subject} tells checks of one id apart (a file, a
 * Deployment), null when there is one. A passing check carries only its message. {@code fix} is
 * the plan step apply would take ({@code ~ cluster.dev.secret}); {@code hint} says what to do when
 * no step fixes it. Never holds a secret value: secret content appears as the names of keys.
 */
public record Check(
    String id,
    String address,
    String subject,
    Result result,
    String message,
    String expected,
    String found,
    String fix,
    String hint) {
  public Check {
    if (id == null || address == null || result == null || message == null) {
      throw new IllegalArgumentException("id, address, result and message required");
    }
  }

  /** How a check came out; every result but {@link #PASS} is a finding. */
  public enum Result {
    PASS("pass", " "),
    /** Expected, or worth knowing, but not drift (e.g. the branch moved since the last apply). */
    NOTE("note", "i"),
    WARNING("warning", "!"),
    DRIFT("drift", "~"),
    /** The unit could not be checked, or must not be touched (another cluster behind the context). */
    ERROR("error", "x");

    private final String label;
    private final String symbol;

    Result(String label, String symbol) {
      this.label = label;
      this.symbol = symbol;
    }

    public String label() {
      return label;
    }

    public String symbol() {
      return symbol;
    }
  }

  public boolean isFinding() {
    return result != Result.PASS;
  }

  /** The check's name in reports: its id, and its subject when there is one. */
  public String name() {
    return subject == null ? id : id + " " + subject;
  }
}
