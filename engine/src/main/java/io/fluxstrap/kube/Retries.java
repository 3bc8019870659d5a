package io.fluxstrap.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.EOFException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Bounded retries, with exponential backoff, of requests that are safe to repeat (reads,
 * server-side applies, access reviews) when the failure is likely to pass: 500, 502, 503, 504, 429,
 * a 409 conflict (an apply re-sends the whole intent, so repeating it is right), or a connection
 * dropped before the answer. Refused connections, unknown hosts and timeouts are not retried: they
 * fail fast with their own message. Fabric8's own retries stay off, so that only these are made.
 */
final class Retries {
  /** How many attempts in all, the first pause and the longest pause. */
  record Policy(int attempts, Duration firstPause, Duration maxPause) {
    static final Policy DEFAULT = new Policy(4, Duration.ofMillis(250), Duration.ofSeconds(2));
    static final Policy ONCE = new Policy(1, Duration.ZERO, Duration.ZERO);
  }

  private static final Set<Integer> TRANSIENT_CODES = Set.of(409, 429, 500, 502, 503, 504);

  /** The last failure after every attempt failed, and how many attempts were made. */
  static final class Exhausted extends RuntimeException {
    final int attempts;

    Exhausted(RuntimeException last, int attempts) {
      super(last.getMessage(), last, false, false);
      this.attempts = attempts;
    }
  }

  private Retries() {}

  /**
   * Runs {@code work}, repeating it on a transient failure up to {@code policy.attempts()} times in
   * all. A non-transient failure is thrown as it is; the last transient one as {@link Exhausted}
   * when there was more than one attempt.
   */
  static <T> T run(Policy policy, Supplier<T> work) {
    Duration pause = policy.firstPause();
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!isTransient(e)) throw e;
        if (attempt >= policy.attempts()) throw attempt == 1 ? e : new Exhausted(e, attempt);
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(policy.maxPause()) > 0 ? policy.maxPause() : pause.multipliedBy(2);
      }
    }
  }

  static boolean isTransient(RuntimeException e) {
    if (e instanceof KubernetesClientException k && k.getCode() > 0) return TRANSIENT_CODES.contains(k.getCode());
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) return true;
      String name = t.getClass().getName();
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (name.endsWith("HttpClosedException") || message.contains("connection was closed") || message.contains("connection reset")
          || message.contains("broken pipe") || message.contains("end of stream") || message.contains("closed the connection")) {
        return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
