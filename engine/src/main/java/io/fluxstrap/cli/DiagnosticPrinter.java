package io.fluxstrap.cli;

import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.Severity;
import java.util.List;

/**
 * Prints diagnostics as {@code file:line:col: error: message}, like javac stopping after a
 * number of errors: a spec with a thousand faulty clusters shows the first {@link #LIMIT} errors
 * (and warnings), then "... and N more errors", rather than a flood no one reads.
 */
final class DiagnosticPrinter {
  static final int LIMIT = 50;

  private DiagnosticPrinter() {}

  static void print(List<Diagnostic> diagnostics, Io io) {
    int errors = 0;
    int warnings = 0;
    for (Diagnostic d : diagnostics) {
      int shown = d.severity() == Severity.ERROR ? ++errors : ++warnings;
      if (shown <= LIMIT) io.err().println(Cli.relative(d, io.workDir()).render());
    }
    more(errors, "error", io);
    more(warnings, "warning", io);
  }

  private static void more(int count, String noun, Io io) {
    int hidden = count - LIMIT;
    if (hidden > 0) io.err().println("... and " + hidden + " more " + noun + (hidden == 1 ? "" : "s"));
  }
}
