package io.fluxstrap.spec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated spec: what the user wants. Maps keep the file's order. {@code sourceText} is the file
 * as read (a spec never holds a secret, so a saved plan may embed it).
 */
public record Spec(
    Path file,
    String sourceText,
    String name,
    Path stateFile,
    Map<String, RepositorySpec> repositories,
    Map<String, ClusterSpec> clusters,
    StateSpec state) {
  /** A spec whose state block names no backend: local state in {@code stateFile} (or the default file). */
  public Spec(Path file, String sourceText, String name, Path stateFile, Map<String, RepositorySpec> repositories,
      Map<String, ClusterSpec> clusters) {
    this(file, sourceText, name, stateFile, repositories, clusters, StateSpec.DEFAULT);
  }

  public Spec {
    if (state == null) state = StateSpec.DEFAULT;
    repositories = Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
  }

  /** The same spec with only these repositories and clusters (-target, one cluster of drift). */
  public Spec withUnits(Map<String, RepositorySpec> repositories, Map<String, ClusterSpec> clusters) {
    return new Spec(file, sourceText, name, stateFile, repositories, clusters, state);
  }

  public RepositorySpec repositoryOf(ClusterSpec cluster) {
    return repositories.get(cluster.repository());
  }

  /**
   * The URL the cluster's source-controller syncs from: the repository's own URL with token auth;
   * with SSH, {@link GitUrls#sshSyncUrl} of it and the cluster's hostname.
   */
  public String syncUrl(ClusterSpec cluster) {
    RepositorySpec repo = repositoryOf(cluster);
    return cluster.sync() instanceof SyncAuth.Ssh ssh ? GitUrls.sshSyncUrl(repo.url(), ssh.hostname()) : repo.url();
  }

  /** The SSH host ({@code host} or {@code host:port}) the cluster pulls from; null unless it syncs over SSH. */
  public String syncSshHost(ClusterSpec cluster) {
    return cluster.sync() instanceof SyncAuth.Ssh ? GitUrls.sshHost(syncUrl(cluster)) : null;
  }
}
