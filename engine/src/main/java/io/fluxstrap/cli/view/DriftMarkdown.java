package io.fluxstrap.cli.view;

import io.fluxstrap.drift.Check;
import io.fluxstrap.drift.DriftReport;
import io.fluxstrap.drift.Unit;

/** {@code drift --markdown FILE}: a heading, the summary and a table per unit, for a pull request comment. */
public final class DriftMarkdown {
  private DriftMarkdown() {}

  public static String render(DriftReport r) {
    StringBuilder b = new StringBuilder();
    b.append("## fluxstrap drift: ").append(cell(r.specName())).append("\n\n");
    b.append("**").append(cell(r.summary())).append("** ").append(r.checks()).append(" checks on ")
        .append(r.units().size()).append(" units.\n\n");
    for (String n : r.notes()) b.append("> Note: ").append(cell(n)).append("\n");
    if (!r.notes().isEmpty()) b.append("\n");
    for (Unit u : r.units()) {
      b.append("### ").append(u.address()).append("\n\n");
      if (u.findings().isEmpty()) {
        b.append("No findings (").append(u.checks().size()).append(" checks passed).\n\n");
        continue;
      }
      b.append("| | Severity | Check | Address | What | Expected | Found | Fix |\n");
      b.append("|---|---|---|---|---|---|---|---|\n");
      for (Check c : u.findings()) {
        b.append("| ").append(icon(c.result())).append(" | ").append(c.result().label()).append(" | `").append(cell(c.name()))
            .append("` | `").append(c.address()).append("` | ").append(cell(c.message())).append(" | ").append(cell(c.expected()))
            .append(" | ").append(cell(c.found())).append(" | ")
            .append(c.fix() != null ? "`" + c.fix() + "`" + (c.hint() != null ? " " + cell(c.hint()) : "") : cell(c.hint()))
            .append(" |\n");
      }
      b.append("\n");
    }
    return b.toString();
  }

  private static String icon(Check.Result r) {
    return switch (r) {
      case PASS -> "";
      case NOTE -> "ℹ️";
      case WARNING -> "⚠️";
      case DRIFT -> "🟠";
      case ERROR -> "❌";
    };
  }

  /** Table cells: no line breaks, pipes escaped, nothing for null. */
  private static String cell(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}
