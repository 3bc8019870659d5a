package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.manifests.ComponentsInventory;
import io.fluxstrap.spec.ClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flux upgrades: what a change of {@code flux.version} (or of components) changes at object level,
 * and the two refusals a platform engineer expects: a downgrade (unless --allow-downgrade), and an
 * upgrade across a release that drops API versions objects on the cluster are still stored in
 * (unless --skip-api-check). Decides only: reads what the refresh saw, changes nothing.
 */
final class UpgradePlanner {
  /** The flags that relax the checks. */
  record Policy(boolean allowDowngrade, boolean skipApiCheck) {
    static final Policy DEFAULT = new Policy(false, false);
  }

  private UpgradePlanner() {}

  /** The change for {@code d}'s components step, null when neither the version nor the components change. */
  static ComponentsChange plan(DesiredCluster d, Observed o, Policy policy, List<String> warnings) {
    ClusterSpec c = d.cluster();
    String to = c.flux().version();
    String path = c.fluxDir() + "/" + DesiredCluster.COMPONENTS;
    Live.Repository repo = o.liveRepository(c.repository());
    ComponentsHeader header = repo == null ? null : repo.componentHeaders().get(path);
    // What the cluster runs: as recorded by the last apply (or import), else what the repository holds.
    String recorded = o.recorded(Addresses.components(c.name()), "version");
    String from = recorded != null ? recorded : header == null ? null : header.version();
    if (from == null) return null; // a first install
    boolean componentsChange = header != null && !header.components().equals(c.flux().allComponents());
    if (from.equals(to) && !componentsChange) return null;

    if (FluxVersion.compare(to, from) < 0) {
      if (!policy.allowDowngrade()) {
        throw new UserException(c.address() + ": the spec asks for Flux " + to + " but " + from + " is installed;"
            + " downgrades are refused (CRD storage versions and controller state need not go back)."
            + " Set flux.version to " + from + " or newer, or pass --allow-downgrade to plan it anyway");
      }
      warnings.add(c.address() + ": downgrading Flux " + from + " -> " + to + " (--allow-downgrade)");
    }
    ComponentsInventory before = repo == null ? null : repo.componentInventories().get(path);
    if (before == null) {
      if (!from.equals(to)) {
        warnings.add(c.address() + ": the stored API versions were not checked before the Flux " + from + " -> " + to
            + " upgrade: plan with a refresh to check them and to see what changes");
      }
      return ComponentsChange.versionsOnly(from, to);
    }
    ComponentsInventory after = ComponentsInventory.of(d.file(DesiredCluster.COMPONENTS).content(), "rendered " + path);
    checkStoredVersions(c, from, to, after, o.storedVersions(c.name()), policy, warnings);
    return ComponentsChange.between(from, to, before, after);
  }

  /** Refuses when a CRD of the target no longer has a version some objects are still stored in. */
  private static void checkStoredVersions(ClusterSpec c, String from, String to, ComponentsInventory after,
      Map<String, List<String>> stored, Policy policy, List<String> warnings) {
    if (stored == null) return;
    List<String> blocked = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : stored.entrySet()) {
      ComponentsInventory.CrdVersions target = after.crds().get(e.getKey());
      if (target == null) continue;
      List<String> dropped = e.getValue().stream().filter(v -> !target.all().contains(v)).toList();
      if (!dropped.isEmpty()) {
        blocked.add(e.getKey() + ": objects stored as " + String.join(", ", dropped) + " (status.storedVersions: "
            + String.join(", ", e.getValue()) + "; Flux " + to + " serves " + String.join(", ", target.served()) + ")");
      }
    }
    if (blocked.isEmpty()) return;
    String list = "\n  " + String.join("\n  ", blocked);
    if (policy.skipApiCheck()) {
      warnings.add(c.address() + ": --skip-api-check: Flux " + to + " drops API versions still stored on the cluster:" + list);
      return;
    }
    throw new UserException(c.address() + ": upgrading Flux " + from + " -> " + to
        + " would drop API versions that custom resources on the cluster are still stored in:" + list
        + "\nMigrate them first: run `flux migrate` (Flux CLI " + from + " or newer, against this cluster) to rewrite"
        + " them in a served version and update the CRDs' status.storedVersions, then plan again."
        + " --skip-api-check plans the upgrade anyway");
  }
}
