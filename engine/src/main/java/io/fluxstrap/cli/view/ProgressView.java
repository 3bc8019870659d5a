package io.fluxstrap.cli.view;

import io.fluxstrap.apply.ExecutionListener;
import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.Step;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Apply progress on stderr: one line per step start and end, and the news of long steps. */
public final class ProgressView implements ExecutionListener {
  private final PrintStream err;
  private final Style style;
  private final Clock clock;
  private Instant stepStart;

  public ProgressView(PrintStream err, Style style, Clock clock) {
    this.err = err;
    this.style = style;
    this.clock = clock;
  }

  @Override
  public void started(Step step, int index, int total) {
    stepStart = clock.instant();
    err.println(style.bold("[" + index + "/" + total + "] " + step.address()) + ": " + Describe.action(step.action()) + "...");
    err.flush();
  }

  @Override
  public void finished(Step step, String outcome) {
    long ms = Duration.between(stepStart, clock.instant()).toMillis();
    err.println("      " + style.green("done") + ": " + outcome + style.dim(" [" + seconds(ms) + "]"));
    err.flush();
  }

  @Override
  public void progress(String message) {
    err.println("      " + style.dim(message));
    err.flush();
  }

  private static String seconds(long ms) {
    return ms < 1000 ? ms + "ms" : String.format("%.1fs", ms / 1000.0);
  }
}
