package io.fluxstrap.cli.view;

import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.ChangeKind;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.StateChange;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A refresh-only plan for a person, in Terraform's idiom: per address the attributes before and
 * after; fingerprints of secret data shown only as "(sensitive value changed)".
 */
public final class StateChangeView {
  private static final String FINGERPRINT = "hmac-sha256:";
  private final Style style;

  public StateChangeView(Style style) {
    this.style = style;
  }

  public String render(Plan plan) {
    StringBuilder b = new StringBuilder();
    for (String w : plan.warnings()) b.append(style.yellow("Warning: ")).append(w).append("\n");
    if (!plan.warnings().isEmpty()) b.append("\n");
    if (plan.stateChanges().isEmpty()) {
      b.append(style.green(style.bold("No changes."))).append(" State matches what is live; a refresh-only apply would record nothing.\n");
      return b.toString();
    }
    b.append(style.bold("Note: objects have changed since state last recorded them")).append("\n\n");
    b.append("fluxstrap read what is live; state would change as follows:\n\n");
    for (StateChange c : plan.stateChanges()) block(b, c);
    b.append("This is a refresh-only plan: nothing on the clusters or in the repositories will change.\n")
        .append("Applying it (fluxstrap apply --refresh-only) records these values in state, so that plan no longer\n")
        .append("proposes to undo them where it compares with state.\n\n");
    b.append(style.bold(summary(plan))).append("\n");
    return b.toString();
  }

  private void block(StringBuilder b, StateChange c) {
    boolean deleted = c.change() == ChangeKind.DELETE;
    b.append("  ").append(style.bold("# " + c.address() + (deleted ? " is gone and leaves state" : " has changed"))).append("\n");
    b.append("  ").append(deleted ? style.red("-") : style.yellow("~")).append(" ").append(c.type()).append("\n");
    Set<String> keys = new LinkedHashSet<>(c.before().keySet());
    keys.addAll(c.after().keySet());
    int width = keys.stream().mapToInt(String::length).max().orElse(0);
    for (String k : keys) {
      String before = c.before().get(k);
      String after = c.after().get(k);
      if (Objects.equals(before, after)) continue;
      String pad = " ".repeat(width - k.length());
      if (before == null) b.append("      ").append(style.green("+")).append(" ").append(k).append(pad).append(" = ").append(shown(after)).append("\n");
      else if (after == null) b.append("      ").append(style.red("-")).append(" ").append(k).append(pad).append(" = ").append(shown(before)).append("\n");
      else if (sensitive(before) || sensitive(after)) {
        b.append("      ").append(style.yellow("~")).append(" ").append(k).append(pad).append(" = (sensitive value changed)\n");
      } else b.append("      ").append(style.yellow("~")).append(" ").append(k).append(pad).append(" = ").append(before).append(" -> ").append(after).append("\n");
    }
    b.append("\n");
  }

  private static boolean sensitive(String v) {
    return v.startsWith(FINGERPRINT);
  }

  private static String shown(String v) {
    return sensitive(v) ? "(sensitive value)" : v;
  }

  /** {@code State: 1 to change, 0 to remove.} */
  public static String summary(Plan plan) {
    long removed = plan.stateChanges().stream().filter(c -> c.change() == ChangeKind.DELETE).count();
    return "State: " + (plan.stateChanges().size() - removed) + " to change, " + removed + " to remove.";
  }

  /** {@code State updated: 1 changed, 0 removed.} after the apply. */
  public static String applied(Plan plan) {
    long removed = plan.stateChanges().stream().filter(c -> c.change() == ChangeKind.DELETE).count();
    return "State updated: " + (plan.stateChanges().size() - removed) + " changed, " + removed + " removed.";
  }
}
