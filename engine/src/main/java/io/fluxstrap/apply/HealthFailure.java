package io.fluxstrap.apply;

/** Flux did not become healthy: suspended, failed, or not in time. The message says which and why. */
public final class HealthFailure extends RuntimeException {
  public HealthFailure(String message) {
    super(message, null, false, false);
  }
}
