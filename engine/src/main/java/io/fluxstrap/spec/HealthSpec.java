package io.fluxstrap.spec;

import java.time.Duration;

/** Whether apply waits for Flux to report Ready, and for how long (Flux's default 5m). */
public record HealthSpec(boolean enabled, Duration timeout) {
  public static final HealthSpec DEFAULT = new HealthSpec(true, Duration.ofMinutes(5));
}
