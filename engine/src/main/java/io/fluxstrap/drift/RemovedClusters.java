package io.fluxstrap.drift;

import io.fluxstrap.plan.Addresses;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Clusters state records but the spec no longer names: each is a finding, since the next apply
 * destroys it (Flux taken off the cluster, its folder removed from the repository).
 */
final class RemovedClusters {
  private RemovedClusters() {}

  static List<Unit> units(Spec spec, State state) {
    Set<String> names = new TreeSet<>(Addresses.clustersIn(state));
    names.removeAll(spec.clusters().keySet());
    List<Unit> units = new ArrayList<>();
    for (String name : names) {
      String address = Addresses.cluster(name);
      var recorded = state.resource(address);
      String where = recorded != null && recorded.get("server") != null ? " (" + recorded.get("server") + ")" : "";
      Check check = new Check("cluster.in_spec", address, null, Check.Result.DRIFT,
          address + where + " is in state but not in the spec: the next apply destroys it (Flux is taken off the cluster and its"
              + " flux-system folder removed from the repository)",
          "in the spec", "only in state", "- " + address,
          "put it back in the spec to keep it, or `fluxstrap state rm " + address + "` to stop managing it and leave Flux running");
      units.add(new Unit(address, Unit.Kind.CLUSTER, name, List.of(check)));
    }
    return units;
  }
}
