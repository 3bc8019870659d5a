package io.fluxstrap.cli.view;

import io.fluxstrap.cli.Style;
import io.fluxstrap.drift.Check;
import io.fluxstrap.drift.DriftReport;
import io.fluxstrap.drift.Unit;

/**
 * A drift report for a person: per repository and cluster one line per finding (symbol, address,
 * what, expected -> found) with the fix on the next line, then a summary. Passing checks are
 * counted, not listed.
 */
public final class DriftView {
  private final Style style;

  public DriftView(Style style) {
    this.style = style;
  }

  public String render(DriftReport report) {
    StringBuilder b = new StringBuilder();
    for (String n : report.notes()) b.append(style.cyan("Note: ")).append(n).append("\n");
    if (!report.notes().isEmpty()) b.append("\n");
    for (Unit u : report.units()) {
      long passed = u.count(Check.Result.PASS);
      b.append(style.bold(u.address())).append(style.dim("  (" + passed + " of " + u.checks().size() + " checks passed)")).append("\n");
      if (u.findings().isEmpty()) b.append("    ").append(style.green("no findings")).append("\n");
      for (Check c : u.findings()) line(b, c);
      b.append("\n");
    }
    String summary = report.summary();
    b.append(report.exitCode() == 0 ? style.green(style.bold(summary)) : style.bold(summary)).append("\n");
    return b.toString();
  }

  private void line(StringBuilder b, Check c) {
    b.append("  ").append(symbol(c.result())).append(" ").append(c.address()).append(": ").append(c.message());
    b.append(style.dim(" [" + c.result().label() + ", " + c.id() + "]")).append("\n");
    if (c.expected() != null || c.found() != null) {
      b.append("      expected ").append(c.expected() == null ? "-" : c.expected()).append(" -> found ")
          .append(c.found() == null ? "-" : c.found()).append("\n");
    }
    if (c.fix() != null) b.append("      fix: apply would ").append(style.bold(c.fix())).append("\n");
    if (c.hint() != null) b.append("      ").append(c.fix() != null ? "note: " : "hint: ").append(c.hint()).append("\n");
  }

  private String symbol(Check.Result r) {
    return switch (r) {
      case PASS -> " ";
      case NOTE -> style.cyan(r.symbol());
      case WARNING -> style.yellow(r.symbol());
      case DRIFT -> style.yellow(r.symbol());
      case ERROR -> style.red(r.symbol());
    };
  }
}
