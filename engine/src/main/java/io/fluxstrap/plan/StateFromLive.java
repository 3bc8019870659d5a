package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns what a refresh saw into state, in exactly the attribute format apply
 * records (see apply/ClusterSteps and apply/RepositorySteps): used by {@code import} (to adopt what
 * {@code flux bootstrap} made) and by refresh-only plans (to accept what is live). Only what
 * exists is recorded: an absent secret is not invented, an absent branch records no head. What a
 * refresh cannot see (the health check's revision, the number of objects applied) is left out.
 */
public final class StateFromLive {
  /**
   * On a secret: the fingerprint of the spec's secret data at the moment a refresh-only apply
   * accepted a different live secret. While the spec's data still has that fingerprint, the
   * planner leaves the accepted secret alone; a new credential (rotation) plans the update again.
   */
  public static final String ACCEPTED_FOR = "acceptedFor";

  private static final List<String> MANAGED_FILES = List.of(DesiredCluster.COMPONENTS, DesiredCluster.SYNC, DesiredCluster.KUSTOMIZATION);

  private StateFromLive() {}

  /** Every address this conversion speaks for: when one is absent from {@link #of}, live has nothing for it. */
  public static List<String> addresses(Spec spec) {
    List<String> out = new ArrayList<>();
    for (RepositorySpec r : spec.repositories().values()) {
      if (spec.clusters().values().stream().anyMatch(c -> c.repository().equals(r.name()))) out.add(Addresses.repository(r.name()));
    }
    for (ClusterSpec c : spec.clusters().values()) {
      String n = c.name();
      out.addAll(List.of(Addresses.cluster(n), Addresses.manifests(n), Addresses.namespace(n), Addresses.secret(n), Addresses.sshKey(n),
          Addresses.components(n), Addresses.sync(n)));
    }
    return out;
  }

  /** Per address, the resource apply would have recorded for what is live now; absent when nothing is there. */
  public static Map<String, ResourceState> of(Spec spec, Live live) {
    Map<String, ResourceState> out = new LinkedHashMap<>();
    for (RepositorySpec r : spec.repositories().values()) {
      Live.Repository lr = live.repositories().get(r.name());
      if (lr == null || lr.head() == null) continue;
      out.put(Addresses.repository(r.name()), new ResourceState("repository", Map.of("url", r.url(), "branch", r.branch(), "head", lr.head())));
    }
    for (ClusterSpec c : spec.clusters().values()) {
      Live.Cluster lc = live.clusters().get(c.name());
      Live.Repository lr = live.repositories().get(c.repository());
      if (lc == null) continue;
      String n = c.name();
      out.put(Addresses.cluster(n), new ResourceState("cluster", ClusterRecord.attributes(c, lc.identity())));
      if (lr != null && lr.head() != null) manifests(c, lr).ifPresent(m -> out.put(Addresses.manifests(n), m));
      if (!lc.namespaceExists()) continue;
      out.put(Addresses.namespace(n), new ResourceState("namespace", Map.of("name", c.flux().namespace())));
      if (lc.secretFingerprint() != null) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("namespace", c.flux().namespace());
        attrs.put("name", c.flux().secretName());
        attrs.put("keys", String.join(",", lc.secretKeys().stream().sorted().toList()));
        attrs.put("fingerprint", lc.secretFingerprint());
        if (lc.secretKnownHosts() != null) attrs.put("known_hosts", io.fluxstrap.secret.Fingerprints.sha256(lc.secretKnownHosts()));
        lc.secretKeyFingerprints().forEach((key, f) -> attrs.put("key:" + key, f));
        out.put(Addresses.secret(n), new ResourceState("secret", attrs));
        if (c.sync() instanceof io.fluxstrap.spec.SyncAuth.Ssh ssh && ssh.generate() != null && lc.identityPub() != null) {
          // A key made by `flux bootstrap` is adopted as is: state keeps its public half only.
          Map<String, String> key = new java.util.LinkedHashMap<>();
          key.put("algorithm", "imported");
          key.put("public_key", lc.identityPub().strip());
          key.put("fingerprint", KeyPlanner.fingerprintOf(lc.identityPub()));
          out.put(Addresses.sshKey(n), new ResourceState("ssh_key", key));
        }
      }
      String componentsPath = c.fluxDir() + "/" + DesiredCluster.COMPONENTS;
      String componentsHash = lr == null ? null : lr.files().get(componentsPath);
      ComponentsHeader header = lr == null ? null : lr.componentHeaders().get(componentsPath);
      if (componentsHash != null) {
        // Without Flux's header the version is unknown: only the hash is recorded then.
        Map<String, String> attrs = new LinkedHashMap<>();
        if (header != null) {
          attrs.put("version", header.version());
          attrs.put("components", String.join(",", header.components()));
        }
        attrs.put("sha256", componentsHash);
        out.put(Addresses.components(n), new ResourceState("components", attrs));
      }
      if (lc.gitRepository() != null && lc.kustomization() != null) {
        Map<String, String> found = ClusterPlanner.foundSync(lc);
        Map<String, String> attrs = new LinkedHashMap<>();
        String syncHash = lr == null ? null : lr.files().get(c.fluxDir() + "/" + DesiredCluster.SYNC);
        if (syncHash != null) attrs.put("sha256", syncHash);
        attrs.put("url", found.get("url"));
        attrs.put("branch", found.get("branch"));
        attrs.put("path", found.get("path"));
        out.put(Addresses.sync(n), new ResourceState("sync", attrs));
      }
    }
    return out;
  }

  private static java.util.Optional<ResourceState> manifests(ClusterSpec c, Live.Repository lr) {
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String name : MANAGED_FILES) {
      String path = c.fluxDir() + "/" + name;
      String hash = lr.files().get(path);
      if (hash != null) attrs.put("file:" + path, hash);
    }
    if (attrs.isEmpty()) return java.util.Optional.empty();
    attrs.put("commit", lr.head());
    return java.util.Optional.of(new ResourceState("manifests", attrs));
  }
}
