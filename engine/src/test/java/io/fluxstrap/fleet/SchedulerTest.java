package io.fluxstrap.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final List<String> UNITS = IntStream.range(0, 12).mapToObj(i -> "c" + i).toList();

  @Test
  void everyUnitRunsAndAFailureStopsOnlyItsOwn() {
    List<Scheduler.Outcome<String>> out = new Scheduler(4).run(UNITS, u -> {
      if (u.equals("c3")) throw new IllegalStateException("c3 broke");
      return u.toUpperCase();
    });
    assertEquals(UNITS, out.stream().map(Scheduler.Outcome::unit).toList(), "outcomes in the order given");
    assertFalse(out.get(3).ok());
    assertEquals("c3 broke", assertThrows(IllegalStateException.class, () -> out.get(3).get()).getMessage());
    assertEquals(11, out.stream().filter(Scheduler.Outcome::ok).count());
    assertEquals("C11", out.get(11).get());
  }

  @Test
  void atMostParallelismUnitsRunAtOnceAndThatManyDo() throws InterruptedException {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch fourTogether = new CountDownLatch(4);
    new Scheduler(4).run(UNITS, u -> {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      fourTogether.countDown();
      try {
        fourTogether.await(5, TimeUnit.SECONDS); // the first four wait for each other: they must overlap
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      return u;
    });
    assertEquals(4, peak.get());
  }

  @Test
  void parallelismOneRunsOnTheCallingThreadInOrder() {
    Thread caller = Thread.currentThread();
    StringBuilder order = new StringBuilder();
    Scheduler.sequential().run(UNITS, u -> {
      assertSame(caller, Thread.currentThread());
      order.append(u).append(' ');
      return u;
    });
    assertEquals(String.join(" ", UNITS) + " ", order.toString());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Scheduler(0)).getMessage().contains("at least 1"));
  }
}
