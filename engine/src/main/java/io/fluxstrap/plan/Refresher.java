package io.fluxstrap.plan;

import io.fluxstrap.git.GitFailure;
import io.fluxstrap.git.RemoteBranch;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.SecretData;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads what is live, read-only: each repository's branch head and the files under the managed
 * folders, and on each cluster the namespace, the secret (as a fingerprint), the sync objects and
 * the component Deployments.
 */
public final class Refresher {
  private final Connections connections;
  private final Consumer<String> progress;

  public Refresher(Connections connections, Consumer<String> progress) {
    this.connections = connections;
    this.progress = progress;
  }

  public Live refresh(Spec spec, String lineage) {
    Map<String, Live.Repository> repos = new LinkedHashMap<>();
    for (RepositorySpec r : spec.repositories().values()) {
      List<ClusterSpec> users = spec.clusters().values().stream().filter(c -> c.repository().equals(r.name())).toList();
      if (users.isEmpty()) continue;
      repos.put(r.name(), readRepository(r, users));
    }
    Map<String, Live.Cluster> clusters = new LinkedHashMap<>();
    for (ClusterSpec c : spec.clusters().values()) {
      clusters.put(c.name(), readCluster(c, lineage));
    }
    return new Live(repos, clusters);
  }

  private Live.Repository readRepository(RepositorySpec r, List<ClusterSpec> users) {
    progress.accept(r.address() + ": reading " + r.branch() + " of " + r.url());
    RemoteBranch b;
    try {
      b = connections.git().read(connections.remote(r), r.branch(), users.stream().map(ClusterSpec::fluxDir).toList());
    } catch (GitFailure.AuthFailed e) {
      // Checked first, before any step: say which credential failed and what to do about it.
      throw new GitFailure.AuthFailed(r.address() + ": " + e.getMessage() + ". " + CredentialAdvice.of(r));
    }
    if (!b.exists()) return new Live.Repository(null, Map.of());
    Map<String, String> files = new HashMap<>();
    Map<String, ComponentsHeader> headers = new HashMap<>();
    b.files().forEach((path, bytes) -> {
      files.put(path, Fingerprints.sha256(bytes));
      if (path.endsWith("/" + DesiredCluster.COMPONENTS)) ComponentsHeader.parse(bytes).ifPresent(h -> headers.put(path, h));
    });
    return new Live.Repository(b.head(), files, headers);
  }

  private Live.Cluster readCluster(ClusterSpec c, String lineage) {
    progress.accept(c.address() + ": reading the cluster");
    Cluster k = connections.cluster(c);
    String ns = c.flux().namespace();
    var identity = k.identity();
    boolean nsExists = k.namespaceExists(ns);
    String fingerprint = null;
    Set<String> keys = Set.of();
    String publicKey = null;
    String knownHosts = null;
    Map<String, Object> gitRepository = null;
    Map<String, Object> kustomization = null;
    Set<String> missing = new HashSet<>(c.flux().allComponents());
    if (nsExists) {
      Optional<SecretData> secret = k.readSecret(ns, c.flux().secretName());
      if (secret.isPresent()) {
        fingerprint = Fingerprints.secretData(lineage, secret.get().data());
        keys = secret.get().data().keySet();
        publicKey = publicText(secret.get(), "identity.pub");
        knownHosts = publicText(secret.get(), "known_hosts");
      }
      gitRepository = spec(k.get(FluxObjects.SOURCE_API, "GitRepository", ns, FluxObjects.NAME));
      kustomization = spec(k.get(FluxObjects.KUSTOMIZE_API, "Kustomization", ns, FluxObjects.NAME));
      missing.removeAll(k.deployments(ns, c.flux().allComponents()).keySet());
    }
    return new Live.Cluster(identity, nsExists, fingerprint, keys, gitRepository, kustomization, missing, publicKey, knownHosts);
  }

  /** A public entry of the secret (identity.pub, known_hosts): never call this for private keys. */
  private static String publicText(SecretData secret, String key) {
    byte[] value = secret.data().get(key);
    return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Optional<Map<String, Object>> object) {
    return object.map(o -> o.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.<String, Object>of()).orElse(null);
  }
}
