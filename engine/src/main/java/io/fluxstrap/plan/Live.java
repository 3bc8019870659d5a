package io.fluxstrap.plan;

import io.fluxstrap.kube.ClusterIdentity;
import java.util.Map;
import java.util.Set;

/**
 * What a refresh found: per repository the branch head and the hashes of files under the managed
 * folders; per cluster what fluxstrap manages there. Holds fingerprints, never secret values.
 */
public record Live(Map<String, Repository> repositories, Map<String, Cluster> clusters) {
  public Live {
    repositories = Map.copyOf(repositories);
    clusters = Map.copyOf(clusters);
  }

  /**
   * {@code head} null when the branch does not exist; {@code files}: path -> sha256;
   * {@code componentHeaders}: path of each gotk-components.yaml -> the Flux version and components
   * its header names (absent when the file has no such header).
   */
  public record Repository(String head, Map<String, String> files, Map<String, ComponentsHeader> componentHeaders) {
    public Repository {
      files = Map.copyOf(files);
      componentHeaders = componentHeaders == null ? Map.of() : Map.copyOf(componentHeaders);
    }

    public Repository(String head, Map<String, String> files) {
      this(head, files, Map.of());
    }
  }

  /**
   * A cluster as read. {@code secretFingerprint} null when Secret absent; {@code gitRepository}
   * and {@code kustomization} are the objects' {@code spec} maps, null when absent.
   * {@code secretPublicKey} and {@code secretKnownHosts} are the secret's public SSH parts
   * ({@code identity.pub}, {@code known_hosts}), null when absent.
   */
  public record Cluster(
      ClusterIdentity identity,
      boolean namespaceExists,
      String secretFingerprint,
      Set<String> secretKeys,
      Map<String, Object> gitRepository,
      Map<String, Object> kustomization,
      Set<String> missingDeployments,
      String secretPublicKey,
      String secretKnownHosts) {
    public Cluster(ClusterIdentity identity, boolean namespaceExists, String secretFingerprint, Set<String> secretKeys,
        Map<String, Object> gitRepository, Map<String, Object> kustomization, Set<String> missingDeployments) {
      this(identity, namespaceExists, secretFingerprint, secretKeys, gitRepository, kustomization, missingDeployments, null, null);
    }

    public Cluster {
      secretKeys = secretKeys == null ? Set.of() : Set.copyOf(secretKeys);
      missingDeployments = Set.copyOf(missingDeployments);
    }
  }
}
