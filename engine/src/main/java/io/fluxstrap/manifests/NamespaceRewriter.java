package io.fluxstrap.manifests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves a release bundle's objects from Flux's default namespace to another one, the way
 * {@code flux install --namespace} does: namespaced objects, the Namespace itself, binding
 * subjects, the {@code -flux-system} suffix of cluster-wide RBAC names, the instance label and
 * in-cluster service addresses in controller arguments. Objects are re-serialised; the default
 * namespace never comes here, so Flux's own bytes stay untouched in the common case.
 */
final class NamespaceRewriter {
  static final String DEFAULT_NAMESPACE = "flux-system";
  private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";

  private final String target;

  NamespaceRewriter(String target) {
    this.target = target;
  }

  /** The text of {@code object} moved to the target namespace. */
  String rewrite(ManifestObject object) {
    ObjectNode tree = object.tree();
    ObjectNode metadata = (ObjectNode) tree.get("metadata");
    if (DEFAULT_NAMESPACE.equals(object.namespace())) metadata.put("namespace", target);
    String kind = object.kind();
    if (kind.equals("Namespace") && DEFAULT_NAMESPACE.equals(object.name())) metadata.put("name", target);
    // Flux's roles kustomization suffixes every rbac.yaml object: the cluster-wide RBAC and the ResourceQuota.
    if ((object.namespace() == null && (kind.equals("ClusterRole") || kind.equals("ClusterRoleBinding")))
        || kind.equals("ResourceQuota")) {
      metadata.put("name", resuffix(object.name()));
    }
    if (kind.equals("ClusterRoleBinding") || kind.equals("RoleBinding")) rewriteBinding(tree);
    if (metadata.get("labels") instanceof ObjectNode labels
        && DEFAULT_NAMESPACE.equals(labels.path(INSTANCE_LABEL).asString(null))) {
      labels.put(INSTANCE_LABEL, target);
    }
    if (kind.equals("Deployment")) rewriteContainerArgs(tree);
    return YamlWriter.write(tree);
  }

  private void rewriteBinding(ObjectNode tree) {
    if (tree.get("subjects") instanceof ArrayNode subjects) {
      for (JsonNode s : subjects) {
        if (s instanceof ObjectNode subject && DEFAULT_NAMESPACE.equals(subject.path("namespace").asString(null))) {
          subject.put("namespace", target);
        }
      }
    }
    if (tree.get("roleRef") instanceof ObjectNode ref && "ClusterRole".equals(ref.path("kind").asString(null))) {
      ref.put("name", resuffix(ref.path("name").asString("")));
    }
  }

  /** {@code --events-addr=http://notification-controller.flux-system.svc...} must follow the move. */
  private void rewriteContainerArgs(ObjectNode tree) {
    JsonNode containers = tree.path("spec").path("template").path("spec").path("containers");
    for (JsonNode c : containers) {
      if (c.get("args") instanceof ArrayNode args) {
        for (int i = 0; i < args.size(); i++) {
          String arg = args.get(i).asString("");
          String moved = arg.replace("." + DEFAULT_NAMESPACE + ".svc", "." + target + ".svc");
          if (!moved.equals(arg)) args.set(i, moved);
        }
      }
    }
  }

  /** Flux names cluster-wide RBAC {@code <name>-<namespace>} so that two installs can coexist. */
  private String resuffix(String name) {
    String suffix = "-" + DEFAULT_NAMESPACE;
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) + "-" + target : name;
  }
}
