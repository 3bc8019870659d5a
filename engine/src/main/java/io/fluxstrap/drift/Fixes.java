package io.fluxstrap.drift;

import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's steps on the same refresh, by address: what apply would do about a finding. Drift
 * never decides a fix itself. A cluster the planner refused (e.g. Flux's "would overwrite path"
 * guard) has no steps, only the refusal.
 */
final class Fixes {
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final Map<String, String> refusals = new LinkedHashMap<>();

  void add(List<Step> planned) {
    for (Step s : planned) steps.putIfAbsent(s.address(), s);
  }

  void refused(String cluster, String message) {
    refusals.put(cluster, message);
  }

  /** {@code ~ cluster.dev.secret}, or null when apply would take no step there. */
  String step(String address) {
    Step s = steps.get(address);
    return s == null ? null : s.change().symbol() + " " + s.address();
  }

  /** Why the planner made no steps for the cluster owning {@code address}, or null. */
  String refusal(String address) {
    for (var e : refusals.entrySet()) {
      if (address.equals(Addresses.cluster(e.getKey())) || address.startsWith(Addresses.cluster(e.getKey()) + ".")) {
        return "apply refuses this cluster: " + e.getValue();
      }
    }
    return null;
  }

  /** Planned steps at addresses starting with {@code prefix}. */
  List<Step> under(String prefix) {
    return steps.values().stream().filter(s -> s.address().startsWith(prefix)).toList();
  }
}
