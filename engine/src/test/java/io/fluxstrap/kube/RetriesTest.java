package io.fluxstrap.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.EOFException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how often, and what is thrown when they last. */
class RetriesTest {
  private static final Retries.Policy QUICK = new Retries.Policy(4, Duration.ofMillis(1), Duration.ofMillis(2));

  private static KubernetesClientException http(int code) {
    return new KubernetesClientException("HTTP " + code, code, null);
  }

  @Test
  void passingFailuresAreRetriedUntilTheRequestSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    String result = Retries.run(QUICK, () -> {
      if (calls.incrementAndGet() < 3) throw http(503);
      return "ok";
    });
    assertEquals("ok", result);
    assertEquals(3, calls.get());
  }

  @Test
  void lastingFailuresStopAfterTheBoundWithTheLastFailure() {
    AtomicInteger calls = new AtomicInteger();
    KubernetesClientException last = http(500);
    Retries.Exhausted e = assertThrows(Retries.Exhausted.class, () -> Retries.run(QUICK, () -> {
      calls.incrementAndGet();
      throw last;
    }));
    assertEquals(4, calls.get());
    assertEquals(4, e.attempts);
    assertSame(last, e.getCause());
  }

  @Test
  void otherFailuresAndSingleAttemptsAreNotRetried() {
    for (RuntimeException failure : new RuntimeException[] {http(403), http(404), http(422),
        new KubernetesClientException("refused", new ConnectException("Connection refused"))}) {
      AtomicInteger calls = new AtomicInteger();
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> Retries.run(QUICK, () -> {
        calls.incrementAndGet();
        throw failure;
      }));
      assertSame(failure, thrown);
      assertEquals(1, calls.get(), failure.getMessage());
    }
    AtomicInteger once = new AtomicInteger();
    KubernetesClientException conflict = http(409);
    assertSame(conflict, assertThrows(KubernetesClientException.class, () -> Retries.run(Retries.Policy.ONCE, () -> {
      once.incrementAndGet();
      throw conflict;
    })));
    assertEquals(1, once.get());
  }

  @Test
  void transientMeansServerErrorsConflictsThrottlingAndDroppedConnections() {
    for (int code : new int[] {409, 429, 500, 502, 503, 504}) assertTrue(Retries.isTransient(http(code)), "HTTP " + code);
    for (int code : new int[] {400, 401, 403, 404, 422}) assertFalse(Retries.isTransient(http(code)), "HTTP " + code);
    assertTrue(Retries.isTransient(new KubernetesClientException("io", new EOFException())));
    assertTrue(Retries.isTransient(new KubernetesClientException("io", new RuntimeException("Connection was closed"))));
    assertFalse(Retries.isTransient(new KubernetesClientException("io", new ConnectException("Connection refused"))));
  }
}
