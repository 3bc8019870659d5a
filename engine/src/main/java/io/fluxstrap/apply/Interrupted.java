package io.fluxstrap.apply;

/** An apply stopped at a step boundary on request: {@code done} of {@code total} steps are finished and recorded. */
public final class Interrupted extends RuntimeException {
  private final int done;
  private final int total;

  public Interrupted(int done, int total) {
    super("Interrupted: " + done + " of " + total + " steps done", null, false, false);
    this.done = done;
    this.total = total;
  }

  public int done() {
    return done;
  }

  public int total() {
    return total;
  }
}
