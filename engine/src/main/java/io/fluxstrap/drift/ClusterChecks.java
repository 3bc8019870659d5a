package io.fluxstrap.drift;

import io.fluxstrap.plan.FluxObjects;
import io.fluxstrap.drift.Check.Result;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Live;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A cluster's checks: reachable, the recorded identity, namespace, secret and credentials, the sync
 * objects (present, as the spec says, not suspended, Ready), the component Deployments and the Flux
 * version they carry; then any step the planner would take that no finding explains.
 */
final class ClusterChecks {
  private final DesiredCluster d;
  private final ClusterSpec c;
  private final CheckList out;

  private ClusterChecks(DesiredCluster d, Fixes fixes) {
    this.d = d;
    this.c = d.cluster();
    this.out = new CheckList(fixes);
  }

  /**
   * @param live null when reading failed with {@code error}
   * @param wantedSecret per-key fingerprints of the secret the spec and current credentials make
   */
  static List<Check> run(DesiredCluster d, State state, Live.Cluster live, String error, Fixes fixes, Map<String, String> wantedSecret) {
    ClusterChecks k = new ClusterChecks(d, fixes);
    String address = Addresses.cluster(d.cluster().name());
    if (live == null) {
      k.out.finding(Result.ERROR, "cluster.reachable", address, null, "cannot read the cluster: " + error, null, null, null,
          "check the kubeconfig context, the network and your rights; the other units are still checked");
      return k.out.list();
    }
    k.out.pass("cluster.reachable", address, null, "read " + live.identity().server());
    if (!k.identity(state.resource(address), live)) return k.out.list();
    k.namespace(live);
    SecretChecks.run(k.out, k.c, d.repository().auth(), state, live, wantedSecret);
    k.sync(live);
    k.components(live);
    k.pending();
    return k.out.list();
  }

  /** Another cluster behind the context is an error, not drift: nothing else is compared with it. */
  private boolean identity(ResourceState recorded, Live.Cluster live) {
    String address = Addresses.cluster(c.name());
    String uid = recorded == null ? null : recorded.get("uid");
    if (uid != null && !uid.equals(live.identity().uid())) {
      out.finding(Result.ERROR, "cluster.identity", address, null, "the kubeconfig context reaches a different cluster ("
          + live.identity().server() + ") than the one recorded in state: not checked further", "kube-system uid " + uid,
          "kube-system uid " + live.identity().uid(), null,
          "check the context; if the cluster was really rebuilt, remove " + address + " from state");
      return false;
    }
    out.pass("cluster.identity", address, null, uid == null ? "no identity recorded yet" : "kube-system uid " + uid + " as recorded");
    return true;
  }

  private void namespace(Live.Cluster live) {
    String address = Addresses.namespace(c.name());
    if (live.namespaceExists()) out.pass("namespace.exists", address, null, "namespace " + c.flux().namespace() + " exists");
    else out.finding(Result.DRIFT, "namespace.exists", address, null, "namespace " + c.flux().namespace() + " does not exist",
        "present", "(absent)", address, null);
  }

  private void sync(Live.Cluster live) {
    syncObject("gitrepository", "GitRepository", live.gitRepository(), live.gitRepositoryStatus(), "source git");
    syncObject("kustomization", "Kustomization", live.kustomization(), live.kustomizationStatus(), "kustomization");
    Map<String, Object> g = live.gitRepository();
    if (g != null) {
      field("sync.url", d.syncUrl(), g.get("url"), "GitRepository");
      field("sync.branch", d.repository().branch(), nested(g, "ref", "branch"), "GitRepository");
      field("sync.interval", c.flux().interval(), g.get("interval"), "GitRepository");
      field("sync.secretRef", d.workloadIdentity() == null ? c.flux().secretName() : "", nested(g, "secretRef", "name"), "GitRepository");
      Object provider = g.get("provider");
      if (d.workloadIdentity() != null || (provider != null && !"generic".equals(provider))) {
        field("sync.provider", d.workloadIdentity() == null ? "generic" : "azure", provider == null ? "generic" : provider, "GitRepository");
      }
    }
    if (d.workloadIdentity() != null && live.workloadIdentity() != null) workloadIdentity(live.workloadIdentity());
    if (live.kustomization() != null) field("sync.path", c.syncPath(), live.kustomization().get("path"), "Kustomization");
  }

  /** source-controller's service account annotations and pod label, as Flux's workload identity patches set them. */
  private void workloadIdentity(Map<String, String> found) {
    String address = Addresses.components(c.name());
    for (var e : io.fluxstrap.plan.LiveWorkloadIdentity.wanted(d.workloadIdentity()).entrySet()) {
      String now = found.get(e.getKey());
      String where = e.getKey().endsWith("/use") ? "Deployment source-controller pod label " : "ServiceAccount source-controller annotation ";
      if (e.getValue().equals(now)) out.pass("workloadIdentity.patches", address, e.getKey(), where + e.getKey() + " as the spec says");
      else out.finding(Result.DRIFT, "workloadIdentity.patches", address, e.getKey(), where + e.getKey() + " was changed on the cluster",
          e.getValue(), now == null ? "(absent)" : now, address, null);
    }
  }

  private void syncObject(String id, String kind, Map<String, Object> spec, Live.ObjectStatus status, String fluxName) {
    String address = Addresses.sync(c.name());
    String name = kind + " " + c.flux().namespace() + "/" + FluxObjects.syncName(c.flux().namespace());
    if (spec == null) {
      out.finding(Result.DRIFT, id + ".exists", address, null, name + " does not exist", "present", "(absent)", address, null);
      return;
    }
    out.pass(id + ".exists", address, null, name + " exists");
    if (status != null && status.suspended()) {
      out.finding(Result.DRIFT, id + ".suspended", address, null, name + " is suspended", "suspend: false", "suspend: true", null,
          "resume it: flux resume " + fluxName + " flux-system -n " + c.flux().namespace());
      return;
    }
    out.pass(id + ".suspended", address, null, name + " is not suspended");
    String ready = status == null ? "Unknown" : status.ready();
    String found = "Ready=" + ready + (status == null || status.message().isEmpty() ? "" : ": " + redacted(status.message()));
    if ("True".equals(ready)) out.pass(id + ".ready", address, null, name + " is Ready" + (status.revision() == null ? "" : " at " + status.revision()));
    else if ("False".equals(ready)) out.finding(Result.DRIFT, id + ".ready", address, null, name + " is not Ready"
        + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"), "Ready=True", found, null,
        "see the controller's message; after fixing the cause: flux reconcile " + fluxName + " flux-system -n " + c.flux().namespace());
    else out.finding(Result.WARNING, id + ".ready", address, null, name + " has not reported Ready yet", "Ready=True", found, null,
        "wait for the controller, or check that it runs: kubectl -n " + c.flux().namespace() + " get deploy");
  }

  private void field(String id, String wanted, Object found, String kind) {
    String address = Addresses.sync(c.name());
    String now = found == null ? "" : found.toString();
    boolean same = id.equals("sync.path") ? trim(now).equals(trim(wanted)) : now.equals(wanted);
    String what = id.substring("sync.".length());
    if (same) out.pass(id, address, null, kind + " " + what + " as the spec says");
    else out.finding(Result.DRIFT, id, address, null, kind + " " + what + " was edited on the cluster", wanted,
        now.isEmpty() ? "(unset)" : now, address, null);
  }

  private void components(Live.Cluster live) {
    String address = Addresses.components(c.name());
    for (String name : c.flux().allComponents()) {
      Live.Deployment dep = live.deployments().get(name);
      if (dep == null) {
        out.finding(Result.DRIFT, "deployment.available", address, name, "Deployment " + name + " does not exist", "available",
            "(absent)", address, null);
      } else if (!dep.available()) {
        out.finding(Result.DRIFT, "deployment.available", address, name, "Deployment " + name + " is not available", "available",
            dep.message().isEmpty() ? "not available" : dep.message(), address,
            "see why: kubectl -n " + c.flux().namespace() + " describe deployment " + name);
      } else {
        out.pass("deployment.available", address, name, "Deployment " + name + " is available");
      }
    }
    Map<String, TreeSet<String>> byVersion = new LinkedHashMap<>();
    for (Live.Deployment dep : live.deployments().values()) {
      if (dep.version() != null) byVersion.computeIfAbsent(dep.version(), v -> new TreeSet<>()).add(dep.name());
    }
    if (byVersion.isEmpty()) return;
    String wanted = c.flux().version();
    if (byVersion.size() == 1 && byVersion.containsKey(wanted)) {
      out.pass("flux.version", address, null, "Flux " + wanted + " on the cluster");
      return;
    }
    String found = String.join("; ", byVersion.entrySet().stream().filter(e -> !e.getKey().equals(wanted))
        .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList());
    out.finding(Result.DRIFT, "flux.version", address, null, "the cluster runs another Flux version than the spec", wanted, found,
        address, "Flux was changed outside fluxstrap (flux install, kubectl apply); apply re-applies the components only when "
            + "the spec or the rendered manifests change");
  }

  /** Steps the planner would take on this cluster that no finding above explains (e.g. a spec change). */
  private void pending() {
    String prefix = Addresses.cluster(c.name()) + ".";
    for (var s : out.stepsAt(prefix)) {
      if (s.address().equals(Addresses.manifests(c.name())) || s.address().equals(Addresses.health(c.name()))) continue;
      if (out.fixes(s.address())) continue;
      out.finding(Result.DRIFT, "plan.pending", s.address(), null, "apply would: " + s.reason(), null, null, s.address(), null);
    }
  }

  /** A controller's message may echo a URL with credentials in it; those never reach a report. */
  static String redacted(String message) {
    return message.replaceAll("://[^/\\s@:]+:[^/\\s@]+@", "://***@");
  }

  private static Object nested(Map<String, Object> m, String a, String b) {
    return m.get(a) instanceof Map<?, ?> inner ? inner.get(b) : null;
  }

  private static String trim(String p) {
    String s = p.startsWith("./") ? p.substring(2) : p;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
