package io.fluxstrap.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one unit of work per cluster, at most {@code parallelism} at once (Terraform's
 * {@code -parallelism}, default 10). A unit that fails does not stop the others: every unit runs
 * and its outcome, value or failure, is returned in the order the units were given. With
 * parallelism 1, or a single unit, the work runs on the calling thread.
 */
public final class Scheduler {
  public static final int DEFAULT_PARALLELISM = 10;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int parallelism;

  public Scheduler(int parallelism) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    this.parallelism = parallelism;
  }

  public static Scheduler sequential() {
    return new Scheduler(1);
  }

  public int parallelism() {
    return parallelism;
  }

  /** What one unit gave: its value, or the failure that ended it. */
  public record Outcome<T>(String unit, T value, RuntimeException failure) {
    public boolean ok() {
      return failure == null;
    }

    /** The value, or the failure rethrown. */
    public T get() {
      if (failure != null) throw failure;
      return value;
    }
  }

  /** Runs {@code work} for every unit; outcomes in the order of {@code units}. */
  public <T> List<Outcome<T>> run(List<String> units, Function<String, T> work) {
    List<Outcome<T>> out = new ArrayList<>();
    if (parallelism == 1 || units.size() <= 1) {
      for (String unit : units) out.add(runOne(unit, work));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, units.size()), r -> {
      Thread t = new Thread(r, "fluxstrap-cluster-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome<T>>> futures = new ArrayList<>();
      for (String unit : units) futures.add(pool.submit(() -> runOne(unit, work)));
      for (Future<Outcome<T>> f : futures) out.add(await(f));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> Outcome<T> runOne(String unit, Function<String, T> work) {
    try {
      return new Outcome<>(unit, work.apply(unit), null);
    } catch (RuntimeException e) {
      return new Outcome<>(unit, null, e);
    }
  }

  private static <T> Outcome<T> await(Future<Outcome<T>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for clusters");
    } catch (ExecutionException e) {
      // runOne catches RuntimeExceptions, so only Errors (out of memory, ...) arrive here
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }
}
