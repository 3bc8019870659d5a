package io.fluxstrap.cli.view;

import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.ChangeKind;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A plan for a person, in Terraform's idiom: one block per step with its symbol, its reason, and
 * its attributes (hashes for files, {@code (sensitive)} for secret values), then a summary line.
 * Built from the same {@link Plan} as the JSON view.
 */
public final class PlanView {
  private final Style style;

  public PlanView(Style style) {
    this.style = style;
  }

  public String render(Plan plan) {
    if (plan.refreshOnly()) return new StateChangeView(style).render(plan);
    StringBuilder b = new StringBuilder();
    for (String w : plan.warnings()) b.append(style.yellow("Warning: ")).append(w).append("\n");
    if (!plan.warnings().isEmpty()) b.append("\n");
    if (plan.noChanges()) {
      b.append(style.green(style.bold("No changes."))).append(" The repositories and clusters match the spec")
          .append(plan.refreshed() ? "." : " (as recorded in state; run without --refresh=false to check what is live).")
          .append("\n");
      return b.toString();
    }
    b.append("fluxstrap will perform the following actions:\n\n");
    for (Step s : plan.steps()) block(b, s);
    b.append(style.bold(summary(plan))).append("\n");
    return b.toString();
  }

  private void block(StringBuilder b, Step s) {
    b.append("  ").append(style.bold("# " + s.address() + " " + s.change().phrase())).append("\n");
    b.append("  ").append(style.dim("# (" + s.reason() + ")")).append("\n");
    b.append("  ").append(symbol(s.change())).append(" ").append(Describe.action(s.action())).append("\n");
    Set<String> keys = new LinkedHashSet<>(s.before().keySet());
    keys.addAll(s.after().keySet());
    int width = keys.stream().mapToInt(String::length).max().orElse(0);
    for (String k : keys) {
      String before = s.before().get(k);
      String after = s.after().get(k);
      String pad = " ".repeat(width - k.length());
      if (before == null) b.append("      ").append(style.green("+")).append(" ").append(k).append(pad).append(" = ").append(after).append("\n");
      else if (after == null) b.append("      ").append(style.red("-")).append(" ").append(k).append(pad).append(" = ").append(before).append("\n");
      else if (before.equals(after) && !"(sensitive)".equals(after)) b.append("        ").append(k).append(pad).append(" = ").append(after).append("\n");
      else b.append("      ").append(style.yellow("~")).append(" ").append(k).append(pad).append(" = ").append(before).append(" -> ").append(after).append("\n");
    }
    new UpgradeView(style).append(b, s.action());
    b.append("\n");
  }

  private String symbol(ChangeKind k) {
    return switch (k) {
      case CREATE -> style.green("+");
      case UPDATE -> style.yellow("~");
      case REPLACE -> style.red("-/+");
      case DELETE -> style.red("-");
      case READ -> style.cyan("<=");
    };
  }

  /** {@code Plan: 7 to add, 1 to change, 0 to destroy.} plus the health checks it will wait for. */
  public static String summary(Plan plan) {
    Counts c = Counts.of(plan);
    return "Plan: " + c.add + " to add, " + c.change + " to change, " + c.destroy + " to destroy"
        + (c.read > 0 ? ", then " + c.read + " health check" + (c.read == 1 ? "" : "s") + "." : ".");
  }

  /** Whether the plan only destroys (its commits and pushes only remove folders). */
  public static boolean destroysOnly(Plan plan) {
    boolean any = false;
    for (Step s : plan.steps()) {
      var a = s.action();
      if (s.change() == ChangeKind.DELETE || a instanceof io.fluxstrap.plan.Action.SuspendSync) any = true;
      else if (!(a instanceof io.fluxstrap.plan.Action.Commit || a instanceof io.fluxstrap.plan.Action.Push
          || a instanceof io.fluxstrap.plan.Action.TrustHostKey)) return false;
    }
    return any;
  }

  /** {@code Resources: 7 added, 1 changed, 0 destroyed.} after an apply. */
  public static String applied(Plan plan) {
    Counts c = Counts.of(plan);
    return "Resources: " + c.add + " added, " + c.change + " changed, " + c.destroy + " destroyed"
        + (c.read > 0 ? "; " + c.read + " health check" + (c.read == 1 ? "" : "s") + " passed." : ".");
  }

  private record Counts(int add, int change, int destroy, int read) {
    static Counts of(Plan plan) {
      int add = 0, change = 0, destroy = 0, read = 0;
      Set<String> replaced = new java.util.HashSet<>(); // a move's replace is two steps (create, then destroy): counted once
      for (Step s : plan.steps()) {
        switch (s.change()) {
          case CREATE -> add++;
          case UPDATE -> change++;
          case REPLACE -> {
            if (replaced.add(s.address())) {
              add++;
              destroy++;
            }
          }
          case DELETE -> destroy++;
          case READ -> read++;
        }
      }
      return new Counts(add, change, destroy, read);
    }
  }
}
