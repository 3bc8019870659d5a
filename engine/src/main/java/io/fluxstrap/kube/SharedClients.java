package io.fluxstrap.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the clusters of one run share, so a fleet costs one of each rather than one per cluster: one
 * Vert.x instance behind one fabric8 HTTP client factory (fabric8 otherwise starts a Vert.x, with
 * its threads and buffers, per client), one JSON serialization (its Jackson introspection is done
 * once), each kubeconfig parsed once, each manifest stream parsed once, and per API server what
 * discovery said it serves. Thread-safe; {@link #close()} at the end of the run.
 */
final class SharedClients implements AutoCloseable {
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final Map<List<java.nio.file.Path>, KubeconfigFile> kubeconfigs = new ConcurrentHashMap<>();
  private final Map<String, PreparedBundle> bundles = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Map<String, CrdReadiness.Served>>> servedKinds = new ConcurrentHashMap<>();
  private Vertx vertx;
  private Vertx5HttpClientFactory factory;

  /**
   * A client on the shared factory. Only starting the factory is serialised: building a client
   * (its HTTP client, interceptors, adapters) takes milliseconds, and a fleet's clusters build
   * theirs side by side rather than queueing behind one lock.
   */
  KubernetesClient client(Config config) {
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(factory())
        .withKubernetesSerialization(serialization).build();
  }

  private synchronized Vertx5HttpClientFactory factory() {
    if (factory == null) {
      vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true)
          .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
      factory = new Vertx5HttpClientFactory(vertx);
    }
    return factory;
  }

  /** The merged kubeconfig of {@code files}, read once per run. */
  KubeconfigFile kubeconfig(List<java.nio.file.Path> files) {
    return kubeconfigs.computeIfAbsent(List.copyOf(files), KubeconfigFile::read);
  }

  /**
   * A manifest stream parsed, made into objects and serialised into apply bodies once per run,
   * however many clusters apply it ({@code serialization}: the run's, which every client shares).
   */
  PreparedBundle prepared(String yaml, KubernetesSerialization serialization) {
    return bundles.computeIfAbsent(yaml, y -> PreparedBundle.of(ManifestBundle.Documents.parse(y), serialization));
  }

  /** Per apiVersion, the kinds discovery said {@code server} serves, and how (positive answers only). */
  Map<String, Map<String, CrdReadiness.Served>> servedKinds(String server) {
    return servedKinds.computeIfAbsent(server, s -> new ConcurrentHashMap<>());
  }

  @Override
  public synchronized void close() {
    if (vertx != null) vertx.close();
    vertx = null;
    factory = null;
  }
}
