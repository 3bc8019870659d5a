package io.fluxstrap.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What the user sees when something fails that no code expected (a bug, an exhausted stack, a
 * library's unchecked exception): one line naming the failure and asking for a report, never a
 * Java stack trace unless {@code FLUXSTRAP_DEBUG} is set. The message is cut to one short line,
 * as it comes from code that did not expect to be shown.
 */
final class LastResort {
  static final int MAX_MESSAGE = 200;

  private LastResort() {}

  static void report(Throwable t, PrintStream err, Map<String, String> env) {
    try {
      err.println("internal error: " + describe(t) + "; please report it with the command you ran");
      if (env.containsKey("FLUXSTRAP_DEBUG")) t.printStackTrace(err);
      err.flush();
    } catch (Throwable ignored) {
      // nothing left to say it with (e.g. out of memory while printing)
    }
  }

  /** {@code ClassName: first line of the message}, at most {@link #MAX_MESSAGE} characters of it. */
  static String describe(Throwable t) {
    String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
    String message = t.getMessage();
    if (message == null || message.isBlank()) return name;
    String line = message.strip().replaceAll("[\\p{Cntrl}\\s]+", " ");
    if (line.length() > MAX_MESSAGE) line = line.substring(0, MAX_MESSAGE) + "...";
    return name + ": " + line;
  }
}
