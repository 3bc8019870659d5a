package io.fluxstrap.manifests;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object of a multi-document YAML file: its identity, its labels and its original
 * text (byte for byte, without the {@code ---} separator, ending with a newline). {@code line} is
 * where the document starts in the file (1-based), for error messages. {@code namespace} is null
 * for cluster-scoped objects and for namespaced ones that leave it to the applier.
 */
public record ManifestObject(
    String apiVersion, String kind, String name, String namespace, Map<String, String> labels, int line, String text) {
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

  public ManifestObject {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The Flux component this object belongs to, or null for shared objects (namespace, RBAC...). */
  public String component() {
    return labels.get(COMPONENT_LABEL);
  }

  /** {@code group/version/kind/namespace/name}, unique within a well-formed bundle. */
  public String key() {
    return apiVersion + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  /** A fresh, mutable parse of {@link #text()}. */
  public ObjectNode tree() {
    return (ObjectNode) ManifestObjects.YAML.readTree(text);
  }

  @Override
  public String toString() {
    return kind + " " + (namespace == null ? "" : namespace + "/") + name;
  }
}
