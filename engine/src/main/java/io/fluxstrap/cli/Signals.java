package io.fluxstrap.cli;

import io.fluxstrap.apply.Cancellation;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.StateStore;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM as Terraform treats them. While an apply's executor runs, the first
 * signal asks it to stop at the next step boundary: the step in progress finishes and is recorded,
 * the lock is released and the run exits 128+signal ({@link io.fluxstrap.apply.Interrupted}). A
 * second signal, or the first outside the executor (nothing is being changed then), stops at once,
 * after releasing the state locks this process holds.
 *
 * <p>Handlers are installed by {@link Main} only; in-process runs (tests) get an inert instance
 * whose cancellation is never requested.
 */
final class Signals {
  private static volatile Signals current = new Signals(null);

  private final PrintStream err;
  private final AtomicInteger received = new AtomicInteger();
  private final Map<LockInfo, StateStore> locks = new ConcurrentHashMap<>();
  private volatile Cancellation applying;
  private volatile int signal = 2;

  private Signals(PrintStream err) {
    this.err = err;
  }

  static Signals current() {
    return current;
  }

  /** Handles SIGINT and SIGTERM in this process from now on (where the JVM lets us). */
  static void install(PrintStream err) {
    Signals s = new Signals(err);
    current = s;
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> s.received(sig.getNumber()));
      } catch (IllegalArgumentException e) {
        // the signal is not available (another platform) or reserved by the JVM: keep its default
      }
    }
  }

  /** The executor's cancellation: from now on the first signal stops at the next step boundary. */
  Cancellation applying() {
    Cancellation c = new Cancellation();
    if (err != null) applying = c;
    return c;
  }

  /** The exit code of a run stopped by a signal: 128 + its number (130 for Ctrl-C). */
  int exitCode() {
    return 128 + signal;
  }

  /** Remembers a lock this process holds, to release it when a signal stops the run at once. */
  void holding(StateStore store, LockInfo lock) {
    if (err != null) locks.put(lock, store);
  }

  void released(LockInfo lock) {
    locks.remove(lock);
  }

  private void received(int number) {
    if (received.incrementAndGet() == 1) signal = number;
    Cancellation c = applying;
    if (received.get() == 1 && c != null) {
      c.request();
      err.println("\nInterrupt received: finishing the step in progress, then recording state and releasing the lock."
          + " Press Ctrl-C again to stop at once.");
      return;
    }
    err.println(c == null ? "\nInterrupted." : "\nStopping at once; the step in progress may be half done: run the same command again to finish it.");
    locks.forEach((lock, store) -> {
      try {
        store.unlock(lock);
        err.println("Released the state lock of " + store.describe() + ".");
      } catch (RuntimeException e) {
        err.println("Could not release the state lock of " + store.describe() + " (" + e.getMessage()
            + "); run: fluxstrap force-unlock " + lock.id());
      }
    });
    err.flush();
    System.out.flush();
    Runtime.getRuntime().halt(128 + number);
  }
}
