package io.fluxstrap.spec;

/**
 * A Kubernetes cluster to bootstrap from {@code repository} at {@code path} (no leading ./).
 * {@code preventDestroy} is where {@code lifecycle: {preventDestroy: true}} stands in the spec, null
 * when the cluster has no such guard: any plan that would destroy it fails there.
 */
public record ClusterSpec(
    String name,
    KubeTarget target,
    String repository,
    String path,
    FluxSpec flux,
    SyncAuth sync,
    HealthSpec health,
    io.fluxstrap.diag.SourceRange preventDestroy) {
  /** Without a lifecycle guard. */
  public ClusterSpec(String name, KubeTarget target, String repository, String path, FluxSpec flux, SyncAuth sync, HealthSpec health) {
    this(name, target, repository, path, flux, sync, health, null);
  }

  public String address() {
    return "cluster." + name;
  }

  /** The folder Flux's own manifests live in: {@code <path>/flux-system}, or {@code flux-system}. */
  public String fluxDir() {
    return path.isEmpty() ? "flux-system" : path + "/flux-system";
  }

  /** The Kustomization's {@code spec.path}: {@code ./<path>}, or {@code ./} without a path. */
  public String syncPath() {
    return path.isEmpty() ? "./" : "./" + path;
  }
}
