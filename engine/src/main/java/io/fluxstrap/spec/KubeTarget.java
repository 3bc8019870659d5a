package io.fluxstrap.spec;

import java.nio.file.Path;

/** How to reach a cluster. */
public sealed interface KubeTarget {
  /** A kubeconfig file (null: {@code KUBECONFIG} or {@code ~/.kube/config}) and context (null: current). */
  record Kubeconfig(Path file, String context) implements KubeTarget {}

  /** The local sandbox: a Kubernetes API stand-in persisted under {@code dir}. Not a real cluster. */
  record Sandbox(Path dir) implements KubeTarget {}
}
