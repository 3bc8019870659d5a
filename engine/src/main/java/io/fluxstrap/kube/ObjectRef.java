package io.fluxstrap.kube;

import java.util.Map;

/** One object found by a list: its kind, namespace (null when cluster-scoped), name and labels. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name, Map<String, String> labels) {
  public ObjectRef {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public String describe() {
    return kind + "/" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
