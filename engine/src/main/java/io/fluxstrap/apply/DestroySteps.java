package io.fluxstrap.apply;

import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.KubeFailure;
import io.fluxstrap.kube.ObjectRef;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.FluxObjects;
import io.fluxstrap.state.ResourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster side of a destroy, in the order {@code flux uninstall} uses: suspend, (prune), sync
 * objects without their finalizers, components, CRDs (custom resources' finalizers removed first,
 * as the controllers are gone), Secret, namespace. Every step is idempotent (what is already gone is
 * fine) and recorded in state as it completes.
 */
final class DestroySteps {
  static final String PART_OF_FLUX = "app.kubernetes.io/part-of=flux";
  private static final String NO_FINALIZERS = "{\"metadata\":{\"finalizers\":null}}";
  /** Namespaced component kinds, Deployments first so the controllers stop before what they use goes. */
  private static final List<String[]> NAMESPACED = List.of(
      new String[] {"apps/v1", "Deployment"}, new String[] {"v1", "Service"}, new String[] {"networking.k8s.io/v1", "NetworkPolicy"},
      new String[] {"v1", "ServiceAccount"}, new String[] {"v1", "ResourceQuota"});
  private static final List<String[]> CLUSTER_SCOPED = List.of(
      new String[] {"rbac.authorization.k8s.io/v1", "ClusterRole"}, new String[] {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"});
  private static final String CRD_API = "apiextensions.k8s.io/v1";
  private static final Duration NAMESPACE_TIMEOUT = Duration.ofMinutes(5);

  private DestroySteps() {}

  static String suspend(Run run, Action.SuspendSync a) {
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    String patch = "{\"spec\":{\"suspend\":true}}";
    boolean ks = k.mergePatch(FluxObjects.KUSTOMIZE_API, "Kustomization", a.namespace(), FluxObjects.syncName(a.namespace()), patch);
    boolean gr = k.mergePatch(FluxObjects.SOURCE_API, "GitRepository", a.namespace(), FluxObjects.syncName(a.namespace()), patch);
    update(run, Addresses.sync(a.cluster()), "suspended", "true");
    return ks || gr ? "Kustomization and GitRepository " + a.namespace() + "/" + FluxObjects.syncName(a.namespace()) + " suspended" : "sync objects already gone";
  }

  /** Deletes the Kustomization's inventory (what its garbage collection would delete), never Flux's own objects. */
  static String prune(Run run, Action.PruneWorkloads a) {
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    var ks = k.get(FluxObjects.KUSTOMIZE_API, "Kustomization", a.namespace(), FluxObjects.syncName(a.namespace()));
    int deleted = 0;
    if (ks.isPresent()) {
      for (ObjectRef o : Inventory.entries(ks.get())) {
        if (a.namespace().equals(o.namespace()) || (o.kind().equals("Namespace") && a.namespace().equals(o.name()))) continue;
        if (o.kind().equals("CustomResourceDefinition") && o.name().endsWith(".toolkit.fluxcd.io")) continue;
        if (isFlux(k, o)) continue;
        if (k.delete(o.apiVersion(), o.kind(), o.namespace(), o.name())) deleted++;
        run.listener.progress(Addresses.cluster(a.cluster()) + ": deleted " + o.describe());
      }
    }
    update(run, Addresses.sync(a.cluster()), "workloads_pruned", "true");
    return deleted + " object(s) of the inventory deleted";
  }

  private static boolean isFlux(Cluster k, ObjectRef o) {
    return k.list(o.apiVersion(), o.kind(), o.namespace(), PART_OF_FLUX).stream().anyMatch(f -> f.name().equals(o.name()));
  }

  static String deleteSync(Run run, Action.DeleteSync a) {
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    int n = 0;
    for (String[] kind : List.of(new String[] {FluxObjects.KUSTOMIZE_API, "Kustomization"}, new String[] {FluxObjects.SOURCE_API, "GitRepository"})) {
      k.mergePatch(kind[0], kind[1], a.namespace(), FluxObjects.syncName(a.namespace()), NO_FINALIZERS);
      if (k.delete(kind[0], kind[1], a.namespace(), FluxObjects.syncName(a.namespace()))) n++;
      // a controller still running may have put its finalizer back meanwhile: free it again
      if (k.exists(kind[0], kind[1], a.namespace(), FluxObjects.syncName(a.namespace()))) k.mergePatch(kind[0], kind[1], a.namespace(), FluxObjects.syncName(a.namespace()), NO_FINALIZERS);
    }
    run.forget(Addresses.sync(a.cluster()));
    return n == 0 ? "already gone" : "Kustomization and GitRepository " + a.namespace() + "/" + FluxObjects.syncName(a.namespace()) + " deleted";
  }

  static String deleteComponents(Run run, Action.DeleteComponents a) {
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    String selector = PART_OF_FLUX + ",app.kubernetes.io/instance=" + a.namespace();
    List<String> deleted = new ArrayList<>();
    for (String[] kind : NAMESPACED) deleteAll(k, k.list(kind[0], kind[1], a.namespace(), selector), deleted);
    for (String[] kind : CLUSTER_SCOPED) deleteAll(k, k.list(kind[0], kind[1], null, selector), deleted);
    run.listener.progress(Addresses.components(a.cluster()) + ": deleted " + deleted.size() + " component object(s)");
    int crds = 0;
    if (!a.keepCrds()) {
      for (ObjectRef crd : k.list(CRD_API, "CustomResourceDefinition", null, selector)) {
        // With the controllers gone nothing would remove these finalizers: the CRD's deletion would hang.
        for (ObjectRef cr : customResources(k, crd)) k.mergePatch(cr.apiVersion(), cr.kind(), cr.namespace(), cr.name(), NO_FINALIZERS);
        if (k.delete(CRD_API, "CustomResourceDefinition", null, crd.name())) crds++;
      }
    }
    run.forget(Addresses.components(a.cluster()));
    return deleted.size() + " component object(s) deleted" + (a.keepCrds() ? "; CRDs kept" : ", then " + crds + " CRD(s)");
  }

  private static void deleteAll(Cluster k, List<ObjectRef> objects, List<String> deleted) {
    for (ObjectRef o : objects) if (k.delete(o.apiVersion(), o.kind(), o.namespace(), o.name())) deleted.add(o.describe());
  }

  /** Every object of the CRD's kind, in the versions it serves. */
  private static List<ObjectRef> customResources(Cluster k, ObjectRef crd) {
    var object = k.get(CRD_API, "CustomResourceDefinition", null, crd.name());
    if (object.isEmpty() || !(object.get().get("spec") instanceof Map<?, ?> spec)) return List.of();
    String group = String.valueOf(spec.get("group"));
    String kind = spec.get("names") instanceof Map<?, ?> names ? String.valueOf(names.get("kind")) : null;
    String version = null;
    if (spec.get("versions") instanceof List<?> versions) {
      for (Object v : versions) {
        if (v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("storage"))) version = String.valueOf(m.get("name"));
      }
    }
    if (kind == null || version == null) return List.of();
    try {
      return k.list(group + "/" + version, kind, null, null);
    } catch (KubeFailure e) {
      return List.of(); // a kind no longer served has no objects left to free
    }
  }

  static String deleteSecret(Run run, Action.DeleteSecret a) {
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    boolean gone = k.delete("v1", "Secret", a.namespace(), a.name());
    run.forget(Addresses.secret(a.cluster()));
    return gone ? "secret " + a.namespace() + "/" + a.name() + " deleted" : "already gone";
  }

  /** Deletes the namespace and waits until it is gone (a real API server finalizes it asynchronously). */
  static String deleteNamespace(Run run, Action.DeleteNamespace a) {
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    boolean deleted = k.delete("v1", "Namespace", null, a.namespace());
    Instant deadline = Instant.now().plus(NAMESPACE_TIMEOUT);
    while (k.exists("v1", "Namespace", null, a.namespace())) {
      if (Instant.now().isAfter(deadline)) {
        throw new KubeFailure("namespace " + a.namespace() + " is still terminating after " + NAMESPACE_TIMEOUT.toSeconds()
            + "s; check what holds it (kubectl get namespace " + a.namespace() + " -o yaml) and run destroy again");
      }
      run.listener.progress(Addresses.namespace(a.cluster()) + ": waiting for namespace " + a.namespace() + " to terminate");
      sleep();
    }
    run.forget(Addresses.namespace(a.cluster()));
    return deleted ? "namespace " + a.namespace() + " deleted" : "already gone";
  }

  static String forgetCluster(Run run, Action.ForgetCluster a) {
    String prefix = Addresses.cluster(a.cluster());
    List<String> gone = new ArrayList<>();
    for (String address : run.state().resources().keySet()) {
      if (address.equals(prefix) || address.startsWith(prefix + ".")) gone.add(address);
    }
    run.forgetAll(gone);
    return gone.isEmpty() ? "nothing left in state" : "removed from state: " + String.join(", ", gone);
  }

  static String forgetRepository(Run run, Action.ForgetRepository a) {
    run.forgetAll(List.of(Addresses.repository(a.repository())));
    return "removed from state";
  }

  private static void update(Run run, String address, String key, String value) {
    ResourceState r = run.state().resource(address);
    if (r == null) return;
    Map<String, String> attrs = new LinkedHashMap<>(r.attributes());
    attrs.put(key, value);
    run.record(address, r.type(), attrs);
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeFailure("interrupted while waiting for a namespace to terminate");
    }
  }
}
