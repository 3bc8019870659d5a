package io.fluxstrap.kube;

/**
 * Whether a Deployment has its Available condition True, with the condition's message, and the
 * Flux version it carries (label {@code app.kubernetes.io/version}; null when absent).
 */
public record DeploymentStatus(String name, boolean available, String message, String version) {
  public DeploymentStatus(String name, boolean available, String message) {
    this(name, available, message, null);
  }
}
