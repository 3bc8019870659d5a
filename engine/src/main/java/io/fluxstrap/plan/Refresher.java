package io.fluxstrap.plan;

import io.fluxstrap.fleet.Scheduler;
import io.fluxstrap.git.GitFailure;
import io.fluxstrap.git.RemoteBranch;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.DeploymentStatus;
import io.fluxstrap.kube.SecretData;
import io.fluxstrap.manifests.ComponentsInventory;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import java.nio.charset.StandardCharsets;
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
 * folders, and on each cluster the namespace, the secret (as fingerprints), the sync objects and
 * the component Deployments. {@link #readRepository} and {@link #readCluster} read one unit, so a
 * caller can go on with the others when one fails.
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
      if (users(spec, r).isEmpty()) continue;
      repos.put(r.name(), readRepository(spec, r));
    }
    Map<String, Live.Cluster> clusters = new LinkedHashMap<>();
    Map<String, Map<String, List<String>>> stored = new LinkedHashMap<>();
    // in parallel, each client closed when its cluster is read; the first failure in spec order is the plan's error
    List<Scheduler.Outcome<Map.Entry<Live.Cluster, Optional<Map<String, List<String>>>>>> outcomes =
        connections.scheduler().run(List.copyOf(spec.clusters().keySet()), name -> {
          ClusterSpec c = spec.clusters().get(name);
          try {
            Live.Cluster live = readCluster(c, lineage);
            Live.Repository repo = repos.get(c.repository());
            ComponentsInventory old = repo == null ? null : repo.componentInventories().get(c.fluxDir() + "/" + DesiredCluster.COMPONENTS);
            Map<String, List<String>> versions = old != null && live.namespaceExists() ? readStoredVersions(c, old.crds().keySet()) : null;
            return Map.entry(live, Optional.ofNullable(versions));
          } finally {
            connections.release(name);
          }
        });
    for (var o : outcomes) {
      clusters.put(o.unit(), o.get().getKey());
      o.get().getValue().ifPresent(v -> stored.put(o.unit(), v));
    }
    return new Live(repos, clusters, stored);
  }
  /** {@code status.storedVersions} of each named CRD on the cluster (absent CRDs are left out). */
  public Map<String, List<String>> readStoredVersions(ClusterSpec c, java.util.Collection<String> crds) {
    progress.accept(c.address() + ": reading the stored versions of Flux's CustomResourceDefinitions");
    Cluster k = connections.cluster(c);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : crds) {
      k.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, name).ifPresent(crd -> {
        Object status = crd.get("status");
        Object versions = status instanceof Map<?, ?> m ? m.get("storedVersions") : null;
        if (versions instanceof List<?> list) out.put(name, list.stream().map(String::valueOf).toList());
      });
    }
    return out;
  }

  /**
   * Every cluster of the spec, {@code -parallelism} at once, each client closed when its cluster is
   * read; a cluster that cannot be read is a failed outcome, the others are still read.
   */
  public List<Scheduler.Outcome<Live.Cluster>> readClusters(Spec spec, String lineage) {
    return connections.scheduler().run(List.copyOf(spec.clusters().keySet()), name -> {
      try {
        return readCluster(spec.clusters().get(name), lineage);
      } finally {
        connections.release(name);
      }
    });
  }

  private static List<ClusterSpec> users(Spec spec, RepositorySpec r) {
    return spec.clusters().values().stream().filter(c -> c.repository().equals(r.name())).toList();
  }

  /** One repository: its branch head and the files under the flux-system folders of the clusters using it. */
  public Live.Repository readRepository(Spec spec, RepositorySpec r) {
    progress.accept(r.address() + ": reading " + r.branch() + " of " + r.url());
    RemoteBranch b;
    try {
      b = connections.git().read(connections.remote(r), r.branch(), users(spec, r).stream().map(ClusterSpec::fluxDir).toList());
    } catch (GitFailure.AuthFailed e) {
      // Checked first, before any step: say which credential failed and what to do about it.
      throw new GitFailure.AuthFailed(r.address() + ": " + e.getMessage() + ". " + CredentialAdvice.of(r));
    }
    if (!b.exists()) return new Live.Repository(null, Map.of());
    Map<String, String> files = new HashMap<>();
    Map<String, ComponentsHeader> headers = new HashMap<>();
    Map<String, ComponentsInventory> inventories = new HashMap<>();
    Map<String, ClusterSpec> byComponentsPath = new HashMap<>();
    users(spec, r).forEach(c -> byComponentsPath.put(c.fluxDir() + "/" + DesiredCluster.COMPONENTS, c));
    b.files().forEach((path, bytes) -> {
      files.put(path, Fingerprints.sha256(bytes));
      if (path.endsWith("/" + DesiredCluster.COMPONENTS)) {
        ComponentsHeader.parse(bytes).ifPresent(h -> {
          headers.put(path, h);
          // Parsed only when an upgrade or a change of components will replace it: the plan shows what changes.
          ClusterSpec c = byComponentsPath.get(path);
          if (c != null && (!h.version().equals(c.flux().version()) || !h.components().equals(c.flux().allComponents()))) {
            try {
              inventories.put(path, ComponentsInventory.of(new String(bytes, StandardCharsets.UTF_8), r.address() + ":" + path));
            } catch (io.fluxstrap.diag.UserException e) {
              // not parseable as Kubernetes objects: the plan then shows only the versions
            }
          }
        });
      }
    });
    return new Live.Repository(b.head(), files, headers, inventories);
  }

  /**
   * A cluster no longer in the spec: when state records how to reach it, checks it is still the
   * recorded one (kube-system uid), so that a destroy never touches another cluster.
   */
  public void checkRecordedIdentity(io.fluxstrap.state.State state, String name) {
    ClusterRecord r = ClusterRecord.of(state, name);
    if (r == null) return;
    progress.accept(Addresses.cluster(name) + ": reading the cluster (in state, not in the spec)");
    var id = connections.cluster(name, r.target()).identity();
    Planner.refuseOtherCluster(Addresses.cluster(name), state.resource(Addresses.cluster(name)).get("uid"), id.uid(), id.server());
  }

  /** One cluster; secret values are fingerprinted with {@code lineage} and never kept. */
  public Live.Cluster readCluster(ClusterSpec c, String lineage) {
    progress.accept(c.address() + ": reading the cluster");
    Cluster k = connections.cluster(c);
    String ns = c.flux().namespace();
    var identity = k.identity();
    boolean nsExists = k.namespaceExists(ns);
    String fingerprint = null;
    Set<String> keys = Set.of();
    Map<String, String> keyFingerprints = Map.of();
    String identityPub = null;
    String knownHosts = null;
    Map<String, Object> gitRepository = null;
    Map<String, Object> kustomization = null;
    Live.ObjectStatus gitRepositoryStatus = null;
    Live.ObjectStatus kustomizationStatus = null;
    Map<String, Live.Deployment> deployments = new LinkedHashMap<>();
    Set<String> missing = new HashSet<>(c.flux().allComponents());
    if (nsExists) {
      Optional<SecretData> secret = k.readSecret(ns, c.flux().secretName());
      if (secret.isPresent()) {
        fingerprint = Fingerprints.secretData(lineage, secret.get().data());
        keys = secret.get().data().keySet();
        keyFingerprints = Fingerprints.perKey(lineage, secret.get().data());
        byte[] pub = secret.get().data().get("identity.pub");
        if (pub != null) identityPub = new String(pub, StandardCharsets.UTF_8).strip(); // public: the key a user registers
        byte[] hosts = secret.get().data().get("known_hosts");
        if (hosts != null) knownHosts = new String(hosts, StandardCharsets.UTF_8); // public host keys
      }
      Optional<Map<String, Object>> g = k.get(FluxObjects.SOURCE_API, "GitRepository", ns, FluxObjects.syncName(ns));
      Optional<Map<String, Object>> ks = k.get(FluxObjects.KUSTOMIZE_API, "Kustomization", ns, FluxObjects.syncName(ns));
      gitRepository = spec(g);
      kustomization = spec(ks);
      gitRepositoryStatus = g.map(Live.ObjectStatus::of).orElse(null);
      kustomizationStatus = ks.map(Live.ObjectStatus::of).orElse(null);
      for (DeploymentStatus d : k.deployments(ns, c.flux().allComponents()).values()) {
        deployments.put(d.name(), new Live.Deployment(d.name(), d.available(), d.message(), d.version()));
      }
      missing.removeAll(deployments.keySet());
    }
    Map<String, String> workloadIdentity = nsExists && c.sync() instanceof io.fluxstrap.spec.SyncAuth.WorkloadIdentity
        ? LiveWorkloadIdentity.read(k, ns) : null;
    return new Live.Cluster(identity, nsExists, fingerprint, keys, gitRepository, kustomization, missing,
        keyFingerprints, identityPub, gitRepositoryStatus, kustomizationStatus, deployments, knownHosts, workloadIdentity);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Optional<Map<String, Object>> object) {
    return object.map(o -> o.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.<String, Object>of()).orElse(null);
  }
}
