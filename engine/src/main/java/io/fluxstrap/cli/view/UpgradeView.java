package io.fluxstrap.cli.view;

import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.ComponentsChange;

/**
 * The object-level part of a components step, nested under it in Terraform's idiom: objects added
 * and removed, container images old -> new, CRD versions served and stored. Read from the plan's
 * {@link ComponentsChange}, the same data the JSON plan carries.
 */
final class UpgradeView {
  private final Style style;

  UpgradeView(Style style) {
    this.style = style;
  }

  void append(StringBuilder b, Action action) {
    if (!(action instanceof Action.ApplyComponents a) || a.change() == null) return;
    ComponentsChange c = a.change();
    if (!c.detailed()) {
      b.append("      ").append(style.dim("# objects, images and CRD versions: known after a refresh")).append("\n");
      return;
    }
    if (!c.images().isEmpty()) {
      b.append("      ").append(style.yellow("~")).append(" images {\n");
      for (ComponentsChange.ImageChange i : c.images()) {
        b.append("          ").append(style.yellow("~")).append(" ").append(i.container()).append(": ")
            .append(i.before()).append(" -> ").append(shortAfter(i.before(), i.after())).append("\n");
      }
      b.append("        }\n");
    }
    for (ComponentsChange.CrdChange crd : c.crds()) {
      b.append("      ").append(style.yellow("~")).append(" crd ").append(crd.name()).append(" {\n");
      line(b, "served", "[" + String.join(", ", crd.servedBefore()) + "]", "[" + String.join(", ", crd.servedAfter()) + "]");
      line(b, "stored", String.valueOf(crd.storedBefore()), String.valueOf(crd.storedAfter()));
      b.append("        }\n");
    }
    for (String o : c.added()) b.append("      ").append(style.green("+")).append(" ").append(o).append("\n");
    for (String o : c.removed()) b.append("      ").append(style.red("-")).append(" ").append(o).append("\n");
  }

  private void line(StringBuilder b, String key, String before, String after) {
    if (before.equals(after)) b.append("            ").append(key).append(" = ").append(after).append("\n");
    else b.append("          ").append(style.yellow("~")).append(" ").append(key).append(" = ").append(before).append(" -> ").append(after).append("\n");
  }

  /** {@code ghcr.io/fluxcd/x:v1 -> v2}: the tag only when the repository stays the same. */
  static String shortAfter(String before, String after) {
    int b = before.lastIndexOf(':');
    int a = after.lastIndexOf(':');
    if (b > 0 && a > 0 && before.substring(0, b).equals(after.substring(0, a)) && !after.substring(0, a).contains("@")) {
      return after.substring(a + 1);
    }
    return after;
  }
}
