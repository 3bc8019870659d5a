package io.fluxstrap.cli.view;

import io.fluxstrap.apply.ExecutionListener;
import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.Step;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apply progress on stderr: one line per step start and end, and the news of long steps. Clusters
 * run in parallel, so every line names its step's address and each line is printed whole.
 */
public final class ProgressView implements ExecutionListener {
  private final PrintStream err;
  private final Style style;
  private final Clock clock;
  private final Map<Step, Instant> starts = new ConcurrentHashMap<>();

  public ProgressView(PrintStream err, Style style, Clock clock) {
    this.err = err;
    this.style = style;
    this.clock = clock;
  }

  @Override
  public synchronized void started(Step step, int index, int total) {
    starts.put(step, clock.instant());
    err.println(style.bold("[" + index + "/" + total + "] " + step.address()) + ": " + Describe.action(step.action()) + "...");
    err.flush();
  }

  @Override
  public synchronized void finished(Step step, String outcome) {
    Instant start = starts.remove(step);
    long ms = start == null ? 0 : Duration.between(start, clock.instant()).toMillis();
    // the address last: with clusters in parallel, lines of different clusters interleave
    err.println("      " + style.green("done") + ": " + outcome + style.dim(" [" + seconds(ms) + ", " + step.address() + "]"));
    err.flush();
  }

  @Override
  public synchronized void progress(String message) {
    err.println("      " + style.dim(message));
    err.flush();
  }

  private static String seconds(long ms) {
    return ms < 1000 ? ms + "ms" : String.format("%.1fs", ms / 1000.0);
  }
}
