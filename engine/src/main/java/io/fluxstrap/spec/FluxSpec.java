package io.fluxstrap.spec;

import java.util.List;

/** Flux install options; defaults are the Flux CLI's. */
public record FluxSpec(
    String version,
    List<String> components,
    List<String> componentsExtra,
    String namespace,
    String secretName,
    String interval,
    ManifestSource manifests) {
  public static final List<String> DEFAULT_COMPONENTS =
      List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller");
  public static final List<String> EXTRA_COMPONENTS =
      List.of("image-reflector-controller", "image-automation-controller");
  public static final String DEFAULT_NAMESPACE = "flux-system";
  public static final String DEFAULT_SECRET_NAME = "flux-system";
  public static final String DEFAULT_INTERVAL = "1m0s";

  public FluxSpec {
    components = List.copyOf(components);
    componentsExtra = List.copyOf(componentsExtra);
  }

  /** Components then extra components, in that order. */
  public List<String> allComponents() {
    return java.util.stream.Stream.concat(components.stream(), componentsExtra.stream()).toList();
  }
}
