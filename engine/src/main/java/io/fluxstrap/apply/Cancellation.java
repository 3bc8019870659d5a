package io.fluxstrap.apply;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request, made from another thread (the CLI's signal handler), that an apply stop at the next
 * step boundary. Steps never see it: the executor checks it between steps only, so the step in
 * progress always finishes and is recorded.
 */
public final class Cancellation {
  private final AtomicBoolean requested = new AtomicBoolean();

  public void request() {
    requested.set(true);
  }

  public boolean requested() {
    return requested.get();
  }
}
