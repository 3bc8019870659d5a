package io.fluxstrap.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.sandbox.RevisionSource;
import io.fluxstrap.kube.sandbox.Sandbox;
import io.fluxstrap.spec.KubeTarget;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Opens kubeconfig contexts with short timeouts and without fabric8's own retries (an unreachable
 * cluster fails within seconds; transient answers get the bounded retries of {@link Retries}), and
 * starts the sandbox in-process for {@link KubeTarget.Sandbox}.
 */
public final class DefaultClusterConnector implements ClusterConnector {
  static final int CONNECT_TIMEOUT_MS = 10_000;
  static final int REQUEST_TIMEOUT_MS = 30_000;

  private final Map<String, String> env;
  private final RevisionSource revisions;
  private final boolean readOnly;
  private final boolean planning;

  /**
   * @param env the environment ({@code KUBECONFIG}, {@code HOME}) used to find the default kubeconfig
   * @param revisions branch heads for the sandbox's simulated source-controller
   */
  public DefaultClusterConnector(Map<String, String> env, RevisionSource revisions) {
    this(env, revisions, false, false);
  }

  private DefaultClusterConnector(Map<String, String> env, RevisionSource revisions, boolean readOnly, boolean planning) {
    this.env = Map.copyOf(env);
    this.revisions = revisions;
    this.readOnly = readOnly;
    this.planning = planning;
  }

  /**
   * The same connector for runs that must change nothing (drift): a sandbox is opened read-only
   * ({@link Sandbox#openReadOnly}). Kubeconfig clusters are the same; the caller only reads them.
   */
  public DefaultClusterConnector readOnly() {
    return new DefaultClusterConnector(env, revisions, true, false);
  }

  /**
   * For plans: read-only like {@link #readOnly()}, and a sandbox not created yet reads as a new,
   * empty one ({@link Sandbox#openForPlanning}).
   */
  public DefaultClusterConnector forPlanning() {
    return new DefaultClusterConnector(env, revisions, true, true);
  }

  @Override
  public Cluster connect(KubeTarget target) {
    if (target instanceof KubeTarget.Kubeconfig k) {
      return kubeconfig(k.file(), k.context());
    }
    if (target instanceof KubeTarget.Sandbox s) {
      return sandbox(s.dir());
    }
    throw new IllegalArgumentException("unknown target " + target);
  }

  private Cluster kubeconfig(Path requestedFile, String requestedContext) {
    KubeconfigFile kubeconfig = KubeconfigFile.read(requestedFile != null ? List.of(requestedFile) : KubeconfigFile.defaultFiles(env));
    String context = kubeconfig.choose(requestedContext);
    Config config;
    try {
      // One file: fabric8 reads it itself (and may write refreshed tokens back to it). Several: the
      // merged text, tied to no file, so nothing merged is ever written over a user's kubeconfig.
      config = kubeconfig.files().size() == 1
          ? Config.fromKubeconfig(context, kubeconfig.files().get(0).toFile())
          : Config.fromKubeconfig(context, kubeconfig.yaml(), null);
    } catch (RuntimeException e) {
      throw new UserException("cannot use context '" + context + "' of kubeconfig " + kubeconfig.describe() + ": " + e.getMessage());
    }
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MS);
    config.setRequestRetryBackoffLimit(0);
    return new Fabric8Cluster(new KubernetesClientBuilder().withConfig(config).build(),
        Fabric8Cluster.Options.realCluster(), () -> {});
  }

  private Cluster sandbox(Path dir) {
    Sandbox sandbox;
    try {
      sandbox = planning ? Sandbox.openForPlanning(dir, revisions)
          : readOnly ? Sandbox.openReadOnly(dir, revisions) : Sandbox.open(dir, revisions);
    } catch (Sandbox.SandboxInUseException e) {
      throw new UserException(e.getMessage());
    } catch (IllegalStateException | UncheckedIOException e) {
      throw new UserException("cannot open the sandbox in " + dir + ": " + e.getMessage());
    }
    try {
      // The sandbox's simulated controllers mark CRDs Established, so it is waited for like a real cluster.
      return Fabric8Cluster.at(sandbox.url(), new Fabric8Cluster.Options(Duration.ofSeconds(10), false),
          sandbox::close);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
  }
}
