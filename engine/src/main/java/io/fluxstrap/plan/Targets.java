package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses -target=cluster.NAME values into cluster names, refusing anything else with the flag named. */
public final class Targets {
  private Targets() {}

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
