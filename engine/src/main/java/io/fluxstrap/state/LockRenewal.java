package io.fluxstrap.state;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a time-limited lock (a blob lease, a Kubernetes Lease) alive while a run lasts: renews it
 * every {@code period} on a daemon thread, so a killed run's lock expires by itself after the
 * lease's duration while a slow but living run never loses it. A failed renewal is remembered, and
 * the next write refuses ({@link #lost()}), because another run may own the state by then.
 */
public final class LockRenewal implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private volatile String lost;

  /** {@code renew} throws when the lock cannot be renewed; its message says why. */
  public LockRenewal(String name, Duration period, Runnable renew) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fluxstrap-lock-renewal-" + name);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      if (lost != null) return;
      try {
        renew.run();
      } catch (RuntimeException e) {
        lost = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the lock was lost, or null while it is held. */
  public String lost() {
    return lost;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
