package io.fluxstrap.cli.view;

import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import java.util.List;

/** What import records, and what the next apply would do after it, in a few lines. */
public final class ImportView {
  private final Style style;

  public ImportView(Style style) {
    this.style = style;
  }

  public String recorded(List<String> added, List<String> alreadyRecorded) {
    StringBuilder b = new StringBuilder();
    if (added.isEmpty()) {
      b.append("Nothing new to import: state already records what is live").append(alreadyRecorded.isEmpty() ? "" : " (" + alreadyRecorded.size() + " resource"
          + (alreadyRecorded.size() == 1 ? "" : "s") + ")").append(".\n");
      return b.toString();
    }
    b.append("fluxstrap will record in state what is live (nothing on the clusters or in the repositories changes):\n\n");
    for (String a : added) b.append("  ").append(style.green("+")).append(" ").append(a).append("\n");
    for (String a : alreadyRecorded) b.append("    ").append(a).append(style.dim(" (already in state, kept)")).append("\n");
    return b.toString();
  }

  /** "The next apply would: ..." or "No changes: the cluster matches the spec." */
  public String nextApply(Plan plan, String specArg) {
    if (plan.noChanges()) return style.green(style.bold("No changes:")) + " the cluster matches the spec.\n";
    StringBuilder b = new StringBuilder("The next apply would:\n");
    for (Step s : plan.steps()) {
      b.append("  ").append(s.change().symbol()).append(" ").append(s.address()).append(" ").append(s.change().phrase())
          .append(style.dim(" (" + s.reason() + ")")).append("\n");
      new UpgradeView(style).append(b, s.action()); // an older Flux: what its upgrade changes
    }
    b.append(style.bold(PlanView.summary(plan))).append("\n");
    b.append("Run fluxstrap plan -f ").append(specArg).append(" for the details.\n");
    return b.toString();
  }
}
