package io.fluxstrap.kube;

/** Whether a Deployment has its Available condition True, with the condition's message. */
public record DeploymentStatus(String name, boolean available, String message) {}
