package io.fluxstrap.manifests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order {@code flux bootstrap} writes objects in. Flux (flux2 {@code pkg/manifestgen/install})
 * builds gotk-components.yaml with kustomize from the release's {@code manifests.tar.gz}, from a
 * generated kustomization whose resources are, in this order: {@code namespace.yaml},
 * {@code policies.yaml} (the NetworkPolicies), {@code roles} (rbac.yaml: ResourceQuota,
 * ClusterRoles, ClusterRoleBindings) and then {@code <component>.yaml} for each component in the
 * order the components list names them. That build does not reorder (krusty without a reorder
 * option keeps the input order), while each file of the tarball was made by {@code kustomize build}
 * with its default legacy sort (by kind: CRDs, ServiceAccount, Service, Deployment...). So the
 * output is a function of the set of objects and the components list, whatever the order of the
 * input (a release install.yaml, a gotk-components.yaml, another tool's rendering).
 */
final class FluxOrder {
  /** kustomize's legacy kind order: these first, in this order... */
  private static final List<String> FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
      "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
      "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
      "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
  /** ...these last; every other kind in between. */
  private static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

  private FluxOrder() {}

  /** {@code objects} (already filtered to the selected components) in Flux's order. */
  static List<ManifestObject> sort(List<ManifestObject> objects, List<String> components) {
    List<ManifestObject> out = new ArrayList<>(objects);
    Comparator<ManifestObject> byFile = Comparator.comparingInt(o -> file(o, components));
    out.sort(byFile.thenComparing(FluxOrder::legacy));
    return out;
  }

  /** Which resource of Flux's kustomization the object comes from. */
  private static int file(ManifestObject o, List<String> components) {
    String component = o.component();
    if (component != null) {
      int i = components.indexOf(component);
      return 3 + (i < 0 ? components.size() : i);
    }
    if (o.kind().equals("Namespace")) return 0;
    if (o.kind().equals("NetworkPolicy")) return 1;
    return 2; // roles: rbac.yaml
  }

  /** kustomize's legacy order: kind rank, then group/version/kind, then namespace and name. */
  private static int legacy(ManifestObject a, ManifestObject b) {
    int c = Integer.compare(rank(a.kind()), rank(b.kind()));
    if (c != 0) return c;
    c = gvk(a).compareTo(gvk(b));
    if (c != 0) return c;
    c = nullToEmpty(a.namespace()).compareTo(nullToEmpty(b.namespace()));
    return c != 0 ? c : a.name().compareTo(b.name());
  }

  private static int rank(String kind) {
    int first = FIRST.indexOf(kind);
    if (first >= 0) return first - FIRST.size();
    int last = LAST.indexOf(kind);
    return last >= 0 ? 1 + last : 0;
  }

  /** kustomize's {@code Gvk.String()}: group, version and kind joined by '_'. */
  private static String gvk(ManifestObject o) {
    String api = o.apiVersion();
    int slash = api.indexOf('/');
    String group = slash < 0 ? "" : api.substring(0, slash);
    String version = slash < 0 ? api : api.substring(slash + 1);
    return group + "_" + version + "_" + o.kind();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
