package io.fluxstrap.apply;

/**
 * A step failed while applying. State holds every step finished before it, so the next apply
 * continues from there. The message is the cause's (already free of secrets).
 */
public final class StepFailure extends RuntimeException {
  private final String address;
  private final int completed;

  public StepFailure(String address, int completed, RuntimeException cause) {
    super(address + ": " + cause.getMessage(), cause, false, false);
    this.address = address;
    this.completed = completed;
  }

  public String address() {
    return address;
  }

  public int completed() {
    return completed;
  }
}
