package io.fluxstrap.kube;

import io.fluxstrap.spec.KubeTarget;

/** Opens a {@link Cluster} for a spec's target: a kubeconfig context, or the local sandbox. */
public interface ClusterConnector {
  Cluster connect(KubeTarget target);
}
