package io.fluxstrap.plan;

import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one cluster should look like: the rendered files for its repository folder, the URL the
 * cluster syncs from, and the keys and fingerprint of its Git secret (never the values).
 * {@code generateKey} is set when the cluster's secret holds a key fluxstrap generates (flow 2):
 * then {@code secretFingerprint} is null (the key is known only after apply). {@code knownHosts}
 * is the secret's known_hosts content for SSH, null for token auth. {@code secretKeyFingerprints}:
 * per key of the secret, the fingerprint of its desired value where it is known before apply
 * ({@link Fingerprints#perKey}), so a plan shows only the keys that change.
 */
public record DesiredCluster(
    ClusterSpec cluster,
    RepositorySpec repository,
    String syncUrl,
    List<RenderedFile> files,
    List<String> secretKeys,
    String secretFingerprint,
    io.fluxstrap.spec.KeySpec generateKey,
    String knownHosts,
    Map<String, String> secretKeyFingerprints) {
  public static final String COMPONENTS = "gotk-components.yaml";
  public static final String SYNC = "gotk-sync.yaml";
  public static final String KUSTOMIZATION = "kustomization.yaml";

  public DesiredCluster {
    files = List.copyOf(files);
    secretKeys = List.copyOf(secretKeys);
    secretKeyFingerprints = secretKeyFingerprints == null ? Map.of() : Map.copyOf(secretKeyFingerprints);
  }

  public DesiredCluster(ClusterSpec cluster, RepositorySpec repository, String syncUrl, List<RenderedFile> files,
      List<String> secretKeys, String secretFingerprint, io.fluxstrap.spec.KeySpec generateKey, String knownHosts) {
    this(cluster, repository, syncUrl, files, secretKeys, secretFingerprint, generateKey, knownHosts, Map.of());
  }

  public DesiredCluster(ClusterSpec cluster, RepositorySpec repository, String syncUrl, List<RenderedFile> files,
      List<String> secretKeys, String secretFingerprint) {
    this(cluster, repository, syncUrl, files, secretKeys, secretFingerprint, null, null, Map.of());
  }

  /** The Azure identity source-controller pulls with, or null (it uses Secret flux-system). */
  public io.fluxstrap.manifests.WorkloadIdentityPatches.Identity workloadIdentity() {
    return cluster.sync() instanceof io.fluxstrap.spec.SyncAuth.WorkloadIdentity w
        ? new io.fluxstrap.manifests.WorkloadIdentityPatches.Identity(w.clientId(), w.tenantId()) : null;
  }

  /**
   * What is applied to the cluster for gotk-components.yaml: the file itself, or, with workload
   * identity, the file with kustomization.yaml's patches applied (what Flux's kustomize build gives).
   */
  public String clusterComponents() {
    String content = file(COMPONENTS).content();
    var id = workloadIdentity();
    return id == null ? content : io.fluxstrap.manifests.WorkloadIdentityPatches.apply(content, id);
  }

  /** The hash of {@link #clusterComponents()}: the same as the file's without workload identity. */
  public String componentsHash() {
    return Fingerprints.sha256(clusterComponents());
  }

  public RenderedFile file(String name) {
    String path = cluster.fluxDir() + "/" + name;
    return files.stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("not rendered: " + path));
  }

  public String hash(String name) {
    return Fingerprints.sha256(file(name).content());
  }

  /** Path -> sha256 of every rendered file. */
  public Map<String, String> fileHashes() {
    return files.stream()
        .collect(Collectors.toMap(RenderedFile::path, f -> Fingerprints.sha256(f.content()), (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
