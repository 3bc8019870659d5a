package io.fluxstrap.apply;

import io.fluxstrap.kube.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kustomization's {@code status.inventory}: what it applied and would garbage-collect. Each
 * entry's id is {@code <namespace>_<name>_<group>_<kind>} (empty namespace: cluster-scoped) and
 * {@code v} its version.
 */
final class Inventory {
  private Inventory() {}

  static List<ObjectRef> entries(Map<String, Object> kustomization) {
    List<ObjectRef> refs = new ArrayList<>();
    if (!(kustomization.get("status") instanceof Map<?, ?> status) || !(status.get("inventory") instanceof Map<?, ?> inv)
        || !(inv.get("entries") instanceof List<?> entries)) {
      return refs;
    }
    for (Object e : entries) {
      if (!(e instanceof Map<?, ?> m) || !(m.get("id") instanceof String id) || !(m.get("v") instanceof String v)) continue;
      String[] parts = id.split("_", -1);
      if (parts.length != 4) continue;
      String apiVersion = parts[2].isEmpty() ? v : parts[2] + "/" + v;
      refs.add(new ObjectRef(apiVersion, parts[3], parts[0].isEmpty() ? null : parts[0], parts[1], Map.of()));
    }
    return refs;
  }
}
