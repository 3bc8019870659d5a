package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.List;

/**
 * With no state recorded, a refresh that finds a cluster already bootstrapped (Flux's sync objects
 * on the cluster, or its manifests in the repository) means the state is elsewhere or was never
 * written (flux bootstrap, another folder): planning everything again would be wrong, so the plan
 * warns and points to {@code import}.
 */
final class Unrecorded {
  private Unrecorded() {}

  static List<String> warnings(Spec spec, State state, Live live) {
    if (live == null || !state.resources().isEmpty()) return List.of();
    List<String> warnings = new ArrayList<>();
    for (ClusterSpec c : spec.clusters().values()) {
      List<String> found = new ArrayList<>();
      Live.Cluster lc = live.clusters().get(c.name());
      if (lc != null && (lc.gitRepository() != null || lc.kustomization() != null)) {
        found.add("the cluster already has Flux's GitRepository/Kustomization flux-system");
      }
      Live.Repository r = live.repositories().get(c.repository());
      if (r != null) {
        for (String file : List.of("gotk-components.yaml", "gotk-sync.yaml")) {
          String path = c.fluxDir() + "/" + file;
          if (r.files().containsKey(path)) {
            found.add("repository " + c.repository() + " already holds " + path);
            break;
          }
        }
      }
      if (found.isEmpty()) continue;
      warnings.add("no state is recorded for this spec, but " + c.address() + " is bootstrapped already ("
          + String.join("; ", found) + "). If fluxstrap applied it before, its state file is not where this run looked"
          + " (state/" + spec.name() + ".state.json in the spec file's folder, unless state.path or --state says otherwise);"
          + " else adopt what exists with `fluxstrap import -f " + specName(spec) + "` instead of applying it again");
    }
    return warnings;
  }

  private static String specName(Spec spec) {
    return spec.file() == null || spec.file().getFileName() == null ? "SPEC" : spec.file().getFileName().toString();
  }
}
