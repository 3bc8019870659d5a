package io.fluxstrap.kube.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the discovery requests ({@code /version}, {@code /api}, {@code /apis}...) that kubectl
 * and the client make before anything else: the built-in kinds an install bundle uses, plus the
 * kinds of the CustomResourceDefinitions stored in the sandbox.
 */
final class Discovery {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private record Kind(String groupVersion, String kind, String plural, boolean namespaced, List<String> shortNames) {
    Kind(String groupVersion, String kind, String plural, boolean namespaced, String... shortNames) {
      this(groupVersion, kind, plural, namespaced, List.of(shortNames));
    }
  }

  private static final List<Kind> BUILT_IN = List.of(
      new Kind("v1", "Namespace", "namespaces", false, "ns"),
      new Kind("v1", "Secret", "secrets", true),
      new Kind("v1", "ConfigMap", "configmaps", true, "cm"),
      new Kind("v1", "ServiceAccount", "serviceaccounts", true, "sa"),
      new Kind("v1", "Service", "services", true, "svc"),
      new Kind("v1", "Pod", "pods", true, "po"),
      new Kind("v1", "Event", "events", true, "ev"),
      new Kind("v1", "ResourceQuota", "resourcequotas", true, "quota"),
      new Kind("v1", "LimitRange", "limitranges", true, "limits"),
      new Kind("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc"),
      new Kind("v1", "Node", "nodes", false, "no"),
      new Kind("apps/v1", "Deployment", "deployments", true, "deploy"),
      new Kind("apps/v1", "StatefulSet", "statefulsets", true, "sts"),
      new Kind("apps/v1", "DaemonSet", "daemonsets", true, "ds"),
      new Kind("apps/v1", "ReplicaSet", "replicasets", true, "rs"),
      new Kind("batch/v1", "Job", "jobs", true),
      new Kind("batch/v1", "CronJob", "cronjobs", true, "cj"),
      new Kind("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
      new Kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
      new Kind("rbac.authorization.k8s.io/v1", "Role", "roles", true),
      new Kind("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
      new Kind("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false, "crd", "crds"),
      new Kind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true, "netpol"),
      new Kind("networking.k8s.io/v1", "Ingress", "ingresses", true, "ing"),
      new Kind("coordination.k8s.io/v1", "Lease", "leases", true),
      new Kind("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb"),
      new Kind("authorization.k8s.io/v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false));

  private Discovery() {}

  /**
   * The discovery document for {@code rawPath} (query ignored), or empty when the path is not a
   * discovery request or names an unknown group. {@code crds} are the stored CRD objects.
   */
  static Optional<JsonNode> answer(String rawPath, String serverAddress, List<JsonNode> crds) {
    int query = rawPath.indexOf('?');
    String path = query < 0 ? rawPath : rawPath.substring(0, query);
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    List<Kind> kinds = new ArrayList<>(BUILT_IN);
    kinds.addAll(fromCrds(crds));
    Map<String, List<String>> groups = groups(kinds);
    String[] parts = path.substring(1).split("/");
    if (path.equals("/version")) {
      return Optional.of(version());
    }
    if (path.equals("/api")) {
      ObjectNode versions = NODES.objectNode().put("kind", "APIVersions");
      versions.putArray("versions").add("v1");
      versions.putArray("serverAddressByClientCIDRs").addObject()
          .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
      return Optional.of(versions);
    }
    if (path.equals("/api/v1")) {
      return Optional.of(resourceList("v1", kinds));
    }
    if (path.equals("/apis")) {
      ObjectNode list = NODES.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode items = list.putArray("groups");
      groups.forEach((g, versions) -> items.add(group(g, versions)));
      return Optional.of(list);
    }
    if (parts.length == 2 && parts[0].equals("apis") && groups.containsKey(parts[1])) {
      return Optional.of(group(parts[1], groups.get(parts[1])).put("apiVersion", "v1"));
    }
    if (parts.length == 3 && parts[0].equals("apis")
        && groups.getOrDefault(parts[1], List.of()).contains(parts[2])) {
      return Optional.of(resourceList(parts[1] + "/" + parts[2], kinds));
    }
    return Optional.empty();
  }

  /** Whether {@code rawPath} is one of the paths discovery answers (known group or not). */
  static boolean isDiscoveryPath(String rawPath) {
    int query = rawPath.indexOf('?');
    String path = query < 0 ? rawPath : rawPath.substring(0, query);
    String[] parts = path.substring(1).split("/");
    return path.equals("/version") || path.equals("/api") || path.equals("/api/v1") || path.equals("/apis")
        || (parts[0].equals("apis") && (parts.length == 2 || parts.length == 3));
  }

  private static ObjectNode version() {
    return NODES.objectNode().put("major", "1").put("minor", "31")
        .put("gitVersion", "v1.31.0-fluxstrap-sandbox").put("gitCommit", "sandbox")
        .put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
        .put("goVersion", "none").put("compiler", "none").put("platform", "sandbox");
  }

  private static Map<String, List<String>> groups(List<Kind> kinds) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Kind k : kinds) {
      int slash = k.groupVersion().indexOf('/');
      if (slash > 0) {
        List<String> versions = groups.computeIfAbsent(k.groupVersion().substring(0, slash), g -> new ArrayList<>());
        String version = k.groupVersion().substring(slash + 1);
        if (!versions.contains(version)) {
          versions.add(version);
        }
      }
    }
    return groups;
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode group = NODES.objectNode().put("kind", "APIGroup").put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String v : versions) {
      list.addObject().put("groupVersion", name + "/" + v).put("version", v);
    }
    group.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  private static ObjectNode resourceList(String groupVersion, List<Kind> kinds) {
    ObjectNode list = NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion);
    ArrayNode resources = list.putArray("resources");
    for (Kind k : kinds) {
      if (k.groupVersion().equals(groupVersion)) {
        ObjectNode r = resources.addObject().put("name", k.plural())
            .put("singularName", k.kind().toLowerCase(Locale.ROOT))
            .put("namespaced", k.namespaced()).put("kind", k.kind());
        if (!k.shortNames().isEmpty()) {
          ArrayNode shortNames = r.putArray("shortNames");
          k.shortNames().forEach(shortNames::add);
        }
        ArrayNode verbs = r.putArray("verbs");
        (k.plural().equals("selfsubjectaccessreviews") ? List.of("create") : VERBS).forEach(verbs::add);
      }
    }
    return list;
  }

  private static List<Kind> fromCrds(List<JsonNode> crds) {
    List<Kind> kinds = new ArrayList<>();
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      boolean namespaced = spec.path("scope").asString("Namespaced").equals("Namespaced");
      List<String> shortNames = new ArrayList<>();
      spec.path("names").path("shortNames").forEach(n -> shortNames.add(n.asString()));
      for (JsonNode version : spec.path("versions")) {
        if (version.path("served").asBoolean(true)) {
          kinds.add(new Kind(spec.path("group").asString() + "/" + version.path("name").asString(),
              spec.path("names").path("kind").asString(), spec.path("names").path("plural").asString(),
              namespaced, shortNames));
        }
      }
    }
    return kinds;
  }
}
