package io.fluxstrap.plan;

import io.fluxstrap.kube.Cluster;
import io.fluxstrap.manifests.WorkloadIdentityPatches;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What source-controller carries of the workload identity setup on the cluster: the service
 * account's client-id and tenant-id annotations and the Deployment's pod label, keyed by their
 * names (absent ones missing). Compared with {@link #wanted} by the planner and drift.
 */
public final class LiveWorkloadIdentity {
  private LiveWorkloadIdentity() {}

  static Map<String, String> read(Cluster k, String namespace) {
    Map<String, String> found = new LinkedHashMap<>();
    k.get("v1", "ServiceAccount", namespace, WorkloadIdentityPatches.SERVICE_ACCOUNT).ifPresent(sa -> {
      Map<?, ?> annotations = map(map(sa.get("metadata")).get("annotations"));
      put(found, WorkloadIdentityPatches.CLIENT_ID, annotations.get(WorkloadIdentityPatches.CLIENT_ID));
      put(found, WorkloadIdentityPatches.TENANT_ID, annotations.get(WorkloadIdentityPatches.TENANT_ID));
    });
    k.get("apps/v1", "Deployment", namespace, WorkloadIdentityPatches.SERVICE_ACCOUNT).ifPresent(d -> {
      Map<?, ?> labels = map(map(map(map(d.get("spec")).get("template")).get("metadata")).get("labels"));
      put(found, WorkloadIdentityPatches.USE_LABEL, labels.get(WorkloadIdentityPatches.USE_LABEL));
    });
    return found;
  }

  /** What the spec asks for. */
  public static Map<String, String> wanted(WorkloadIdentityPatches.Identity id) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(WorkloadIdentityPatches.CLIENT_ID, id.clientId());
    if (id.tenantId() != null) m.put(WorkloadIdentityPatches.TENANT_ID, id.tenantId());
    m.put(WorkloadIdentityPatches.USE_LABEL, "true");
    return m;
  }

  private static void put(Map<String, String> m, String k, Object v) {
    if (v != null) m.put(k, v.toString());
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }
}
