package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses -target=cluster.NAME values into cluster names, refusing anything else with the flag named. */
public final class Targets {
  private Targets() {}

  /**
   * The spec narrowed to the targeted clusters (all repositories kept), so a plan touches only
   * them; the others are neither planned nor, being still in the full spec, destroyed.
   */
  public static io.fluxstrap.spec.Spec only(io.fluxstrap.spec.Spec spec, Set<String> targets) {
    if (targets.isEmpty()) return spec;
    java.util.Map<String, io.fluxstrap.spec.ClusterSpec> kept = new java.util.LinkedHashMap<>();
    spec.clusters().forEach((name, c) -> {
      if (targets.contains(name)) kept.put(name, c);
    });
    return new io.fluxstrap.spec.Spec(spec.file(), spec.sourceText(), spec.name(), spec.stateFile(), spec.repositories(), kept);
  }

  public static Set<String> clusters(List<String> values) {
    Set<String> names = new LinkedHashSet<>();
    for (String raw : values) {
      String v = raw.strip();
      if (!v.startsWith("cluster.") || v.length() == "cluster.".length() || v.indexOf('.', "cluster.".length()) >= 0) {
        throw new UserException("-target takes a cluster address, cluster.NAME, not '" + v + "'");
      }
      names.add(v.substring("cluster.".length()));
    }
    return names;
  }
}
