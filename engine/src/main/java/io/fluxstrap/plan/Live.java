package io.fluxstrap.plan;

import io.fluxstrap.kube.ClusterIdentity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a refresh found: per repository the branch head and the hashes of files under the managed
 * folders; per cluster what fluxstrap manages there. Holds fingerprints, never secret values.
 */
public record Live(Map<String, Repository> repositories, Map<String, Cluster> clusters,
    Map<String, Map<String, List<String>>> storedVersions) {
  /**
   * {@code storedVersions}: per cluster, the {@code status.storedVersions} of the Flux CRDs an
   * upgrade changes (read only when one is pending), for the API-removal check.
   */
  public Live {
    repositories = Map.copyOf(repositories);
    clusters = Map.copyOf(clusters);
    storedVersions = storedVersions == null ? Map.of() : Map.copyOf(storedVersions);
  }

  public Live(Map<String, Repository> repositories, Map<String, Cluster> clusters) {
    this(repositories, clusters, Map.of());
  }

  /**
   * {@code head} null when the branch does not exist; {@code files}: path -> sha256;
   * {@code componentHeaders}: path of each gotk-components.yaml -> the Flux version and components
   * its header names (absent when the file has no such header).
   */
  public record Repository(String head, Map<String, String> files, Map<String, ComponentsHeader> componentHeaders,
      Map<String, io.fluxstrap.manifests.ComponentsInventory> componentInventories) {
    /** {@code componentInventories}: path -> the inventory of a gotk-components.yaml an upgrade will replace (only those). */
    public Repository {
      files = Map.copyOf(files);
      componentHeaders = componentHeaders == null ? Map.of() : Map.copyOf(componentHeaders);
      componentInventories = componentInventories == null ? Map.of() : Map.copyOf(componentInventories);
    }

    public Repository(String head, Map<String, String> files, Map<String, ComponentsHeader> componentHeaders) {
      this(head, files, componentHeaders, Map.of());
    }

    public Repository(String head, Map<String, String> files) {
      this(head, files, Map.of());
    }
  }

  /**
   * A cluster as read. {@code secretFingerprint} null when Secret absent; {@code gitRepository}
   * and {@code kustomization} are the objects' {@code spec} maps, null when absent.
   *
   * <p>What drift detection reads besides: {@code secretKeyFingerprints} (key -> HMAC of that key's
   * value, see {@link io.fluxstrap.secret.Fingerprints#perKey}), {@code identityPub} (the Secret's
   * public {@code identity.pub} line, null when absent), the sync objects' status (null when
   * absent) and the component Deployments found, by name; {@code secretKnownHosts} the Secret's
   * public {@code known_hosts}, null when absent.
   */
  public record Cluster(
      ClusterIdentity identity,
      boolean namespaceExists,
      String secretFingerprint,
      Set<String> secretKeys,
      Map<String, Object> gitRepository,
      Map<String, Object> kustomization,
      Set<String> missingDeployments,
      Map<String, String> secretKeyFingerprints,
      String identityPub,
      ObjectStatus gitRepositoryStatus,
      ObjectStatus kustomizationStatus,
      Map<String, Deployment> deployments,
      String secretKnownHosts,
      Map<String, String> workloadIdentity) {
    /** Before workload identity was read: nothing known about source-controller's identity. */
    public Cluster(ClusterIdentity identity, boolean namespaceExists, String secretFingerprint, Set<String> secretKeys,
        Map<String, Object> gitRepository, Map<String, Object> kustomization, Set<String> missingDeployments,
        Map<String, String> secretKeyFingerprints, String identityPub, ObjectStatus gitRepositoryStatus,
        ObjectStatus kustomizationStatus, Map<String, Deployment> deployments, String secretKnownHosts) {
      this(identity, namespaceExists, secretFingerprint, secretKeys, gitRepository, kustomization, missingDeployments,
          secretKeyFingerprints, identityPub, gitRepositoryStatus, kustomizationStatus, deployments, secretKnownHosts, null);
    }

    public Cluster(ClusterIdentity identity, boolean namespaceExists, String secretFingerprint, Set<String> secretKeys,
        Map<String, Object> gitRepository, Map<String, Object> kustomization, Set<String> missingDeployments,
        Map<String, String> secretKeyFingerprints, String identityPub, ObjectStatus gitRepositoryStatus,
        ObjectStatus kustomizationStatus, Map<String, Deployment> deployments) {
      this(identity, namespaceExists, secretFingerprint, secretKeys, gitRepository, kustomization, missingDeployments,
          secretKeyFingerprints, identityPub, gitRepositoryStatus, kustomizationStatus, deployments, null);
    }

    public Cluster {
      secretKeys = secretKeys == null ? Set.of() : Set.copyOf(secretKeys);
      missingDeployments = Set.copyOf(missingDeployments);
      secretKeyFingerprints = secretKeyFingerprints == null ? Map.of() : Map.copyOf(secretKeyFingerprints);
      deployments = deployments == null ? Map.of() : Map.copyOf(deployments);
      workloadIdentity = workloadIdentity == null ? null : Map.copyOf(workloadIdentity);
    }

    /** The planner's view only (no per-key fingerprints, statuses or Deployment details). */
    public Cluster(ClusterIdentity identity, boolean namespaceExists, String secretFingerprint, Set<String> secretKeys,
        Map<String, Object> gitRepository, Map<String, Object> kustomization, Set<String> missingDeployments) {
      this(identity, namespaceExists, secretFingerprint, secretKeys, gitRepository, kustomization, missingDeployments,
          Map.of(), null, null, null, Map.of(), null);
    }
  }

  /**
   * A Flux object's reconcile status: {@code ready} is the Ready condition's status (True, False,
   * Unknown), {@code revision} the artifact revision (GitRepository) or last attempted one
   * (Kustomization), null when none yet.
   */
  public record ObjectStatus(boolean suspended, String ready, String reason, String message, String revision) {
    /** Reads it from the object as the server returns it. */
    static ObjectStatus of(Map<String, Object> object) {
      Map<?, ?> spec = map(object.get("spec"));
      Map<?, ?> status = map(object.get("status"));
      String ready = "Unknown";
      String reason = "";
      String message = "";
      if (status.get("conditions") instanceof List<?> conditions) {
        for (Object item : conditions) {
          Map<?, ?> cond = map(item);
          if ("Ready".equals(cond.get("type"))) {
            ready = String.valueOf(cond.get("status"));
            reason = cond.get("reason") == null ? "" : cond.get("reason").toString();
            message = cond.get("message") == null ? "" : cond.get("message").toString();
          }
        }
      }
      Object revision = map(status.get("artifact")).get("revision");
      if (revision == null) revision = status.get("lastAttemptedRevision");
      return new ObjectStatus(Boolean.TRUE.equals(spec.get("suspend")), ready, reason, message,
          revision == null ? null : revision.toString());
    }

    private static Map<?, ?> map(Object o) {
      return o instanceof Map<?, ?> m ? m : Map.of();
    }
  }

  /** A component Deployment: Available, the condition's message, its {@code app.kubernetes.io/version} label (null when absent). */
  public record Deployment(String name, boolean available, String message, String version) {}
}
