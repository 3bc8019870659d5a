package io.fluxstrap.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For a cluster that pulls with workload identity: Secret {@code flux-system} must not exist. One
 * left from an earlier token (or SSH) bootstrap is planned for removal, so switching to workload
 * identity is one apply and no token lingers on the cluster.
 */
final class SecretRemoval {
  private SecretRemoval() {}

  static Optional<Step> step(DesiredCluster d, Observed o, Live.Cluster live) {
    var c = d.cluster();
    String address = Addresses.secret(c.name());
    boolean exists = live != null ? live.secretFingerprint() != null : o.recorded(address) != null;
    if (!exists) return Optional.empty();
    Map<String, String> before = new LinkedHashMap<>();
    if (live != null) live.secretKeys().stream().sorted().forEach(k -> before.put(k, "(sensitive)"));
    String name = c.flux().namespace() + "/" + c.flux().secretName();
    return Optional.of(new Step(address, ChangeKind.DELETE,
        "the cluster pulls with workload identity: secret " + name + " is no longer used and would keep a credential on the cluster",
        new io.fluxstrap.plan.Action.DeleteSecret(c.name(), c.flux().namespace(), c.flux().secretName()), before, Map.of()));
  }
}
