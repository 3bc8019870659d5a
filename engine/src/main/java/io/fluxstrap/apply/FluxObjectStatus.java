package io.fluxstrap.apply;

import io.fluxstrap.kube.Cluster;
import io.fluxstrap.plan.FluxObjects;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The reconcile status of a Flux object named flux-system, read from its generic form. */
record FluxObjectStatus(
    String kind,
    String namespace,
    boolean exists,
    boolean suspended,
    long generation,
    long observedGeneration,
    String ready,
    String readyMessage,
    boolean reconciling,
    String artifactRevision,
    String lastAttemptedRevision) {

  static FluxObjectStatus read(Cluster k, String apiVersion, String kind, String ns) {
    Map<String, Object> o = k.get(apiVersion, kind, ns, FluxObjects.syncName(ns)).orElse(null);
    if (o == null) return new FluxObjectStatus(kind, ns, false, false, 0, -1, "", "", false, null, null);
    Map<?, ?> meta = map(o.get("metadata"));
    Map<?, ?> spec = map(o.get("spec"));
    Map<?, ?> status = map(o.get("status"));
    String ready = "Unknown";
    String message = "";
    boolean reconciling = false;
    if (status.get("conditions") instanceof List<?> conditions) {
      for (Object item : conditions) {
        Map<?, ?> cond = map(item);
        if ("Ready".equals(cond.get("type"))) {
          ready = String.valueOf(cond.get("status"));
          message = cond.get("message") == null ? "" : cond.get("message").toString();
        }
        if ("Reconciling".equals(cond.get("type")) && "True".equals(cond.get("status"))) reconciling = true;
      }
    }
    return new FluxObjectStatus(kind, ns, true, Boolean.TRUE.equals(spec.get("suspend")),
        number(meta.get("generation")), status.containsKey("observedGeneration") ? number(status.get("observedGeneration")) : -1,
        ready, message, reconciling, str(map(status.get("artifact")).get("revision")), str(status.get("lastAttemptedRevision")));
  }

  /** Suspended, or failed for its current generation: waiting longer cannot help. */
  void failIfTerminal(String revision) {
    String name = kind + " " + namespace + "/" + FluxObjects.syncName(namespace);
    if (suspended) throw new HealthFailure(name + " is suspended (spec.suspend: true); resume it with: flux resume " + kind.toLowerCase() + " flux-system -n " + namespace);
    boolean current = observedGeneration == generation && !reconciling;
    boolean ours = !"Kustomization".equals(kind) || Objects.equals(lastAttemptedRevision, revision);
    if (exists && "False".equals(ready) && current && ours) {
      throw new HealthFailure(name + " is not Ready: " + readyMessage);
    }
  }

  boolean readyAt(String revision, String which) {
    String rev = which.equals("artifactRevision") ? artifactRevision : lastAttemptedRevision;
    // and for the object's current spec (a re-pointed path or URL): a Ready from before the change does not count
    return exists && "True".equals(ready) && revision.equals(rev) && (observedGeneration < 0 || observedGeneration >= generation);
  }

  String describe(String revision) {
    String name = kind + " " + namespace + "/" + FluxObjects.syncName(namespace);
    if (!exists) return name + " not found";
    String rev = "Kustomization".equals(kind) ? lastAttemptedRevision : artifactRevision;
    return name + " Ready=" + ready + (readyMessage.isEmpty() ? "" : " (" + readyMessage + ")")
        + (Objects.equals(rev, revision) ? "" : ", at " + (rev == null ? "no revision yet" : rev));
  }

  private static Map<?, ?> map(Object o) {
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : o == null ? 0 : Long.parseLong(o.toString());
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
