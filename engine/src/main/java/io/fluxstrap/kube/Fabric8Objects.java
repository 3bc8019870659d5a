package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic object operations a destroy needs (list by label, merge patch, delete), on
 * fabric8's generic resources. A kind the server does not serve has no objects: lists are empty,
 * patches and deletes find nothing. Deletes are idempotent: an absent object is not an error.
 */
final class Fabric8Objects {
  private final KubernetesClient client;
  private final String server;
  private final CrdReadiness discovery;

  /** Served kinds seen by this run ("apiVersion kind"); a kind served once is assumed served for the run. */
  private final java.util.Set<String> served = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Fabric8Objects(KubernetesClient client, String server, CrdReadiness discovery) {
    this.client = client;
    this.server = server;
    this.discovery = discovery;
  }

  List<ObjectRef> list(String apiVersion, String kind, String namespace, String labelSelector) {
    if (!served(apiVersion, kind)) return List.of();
    GenericKubernetesResourceList list = KubeErrors.call(server, "list", kind + " objects" + (namespace == null ? "" : " in " + namespace), () -> {
      var resources = client.genericKubernetesResources(apiVersion, kind);
      if (namespace == null) {
        return labelSelector == null ? resources.inAnyNamespace().list() : resources.inAnyNamespace().withLabelSelector(labelSelector).list();
      }
      var ns = resources.inNamespace(namespace);
      return labelSelector == null ? ns.list() : ns.withLabelSelector(labelSelector).list();
    });
    List<ObjectRef> refs = new ArrayList<>();
    for (GenericKubernetesResource r : list.getItems()) {
      refs.add(new ObjectRef(apiVersion, kind, r.getMetadata().getNamespace(), r.getMetadata().getName(), r.getMetadata().getLabels()));
    }
    refs.sort(java.util.Comparator.comparing(ObjectRef::describe));
    return refs;
  }

  boolean mergePatch(String apiVersion, String kind, String namespace, String name, String patchJson) {
    if (!served(apiVersion, kind)) return false;
    String what = describe(kind, namespace, name);
    return KubeErrors.call(server, "patch", what, () -> {
      Resource<GenericKubernetesResource> r = one(apiVersion, kind, namespace, name);
      if (r.get() == null) return false;
      r.patch(PatchContext.of(PatchType.JSON_MERGE), patchJson);
      return true;
    });
  }

  boolean delete(String apiVersion, String kind, String namespace, String name) {
    if (!served(apiVersion, kind)) return false;
    String what = describe(kind, namespace, name);
    return KubeErrors.call(server, "delete", what, () -> {
      List<StatusDetails> deleted = one(apiVersion, kind, namespace, name).delete();
      return deleted != null && !deleted.isEmpty();
    });
  }

  boolean exists(String apiVersion, String kind, String namespace, String name) {
    if (!served(apiVersion, kind)) return false;
    return KubeErrors.call(server, "read", describe(kind, namespace, name), () -> one(apiVersion, kind, namespace, name).get() != null);
  }

  private boolean served(String apiVersion, String kind) {
    if (served.contains(apiVersion + " " + kind)) return true;
    boolean yes = discovery.kindServed(apiVersion, kind);
    if (yes) served.add(apiVersion + " " + kind);
    return yes;
  }

  private Resource<GenericKubernetesResource> one(String apiVersion, String kind, String namespace, String name) {
    var resources = client.genericKubernetesResources(apiVersion, kind);
    if (namespace == null) {
      NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all = resources;
      return all.withName(name);
    }
    return resources.inNamespace(namespace).withName(name);
  }

  private static String describe(String kind, String namespace, String name) {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
