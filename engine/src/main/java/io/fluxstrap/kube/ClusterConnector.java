package io.fluxstrap.kube;

import io.fluxstrap.spec.KubeTarget;

/**
 * Opens a {@link Cluster} for a spec's target: a kubeconfig context, or the local sandbox. Safe to
 * call from several threads; {@link #close()} once, after every cluster it opened is closed.
 */
public interface ClusterConnector extends AutoCloseable {
  Cluster connect(KubeTarget target);

  /** Releases what the connector's clusters shared (an HTTP client factory's threads). */
  @Override
  default void close() {}
}
