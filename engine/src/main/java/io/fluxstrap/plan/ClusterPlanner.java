package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.FluxSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Plans one cluster: namespace, secret, components, sync objects, and the health wait. */
final class ClusterPlanner {
  private ClusterPlanner() {}

  static List<Step> steps(DesiredCluster d, Observed o, boolean repoChanges, List<String> warnings) {
    return steps(d, o, repoChanges, warnings, java.util.Set.of());
  }

  static List<Step> steps(DesiredCluster d, Observed o, boolean repoChanges, List<String> warnings, java.util.Set<String> replace) {
    return steps(d, o, repoChanges, warnings, replace, null);
  }

  /** {@code change}: the upgrade's object-level change (from {@link UpgradePlanner}), shown on the components step. */
  static List<Step> steps(DesiredCluster d, Observed o, boolean repoChanges, List<String> warnings, java.util.Set<String> replace,
      ComponentsChange change) {
    ClusterSpec c = d.cluster();
    FluxSpec flux = c.flux();
    Live.Cluster live = o.liveCluster(c.name());
    List<Step> steps = new ArrayList<>();

    boolean namespaceMissing = live != null ? !live.namespaceExists() : o.recorded(Addresses.namespace(c.name())) == null;
    if (namespaceMissing) {
      steps.add(new Step(Addresses.namespace(c.name()), ChangeKind.CREATE,
          live != null ? "namespace " + flux.namespace() + " does not exist on the cluster" : "not in state",
          new Action.CreateNamespace(c.name(), flux.namespace()), Map.of(), Map.of("name", flux.namespace())));
    }

    if (d.generateKey() != null) {
      Step secret = KeyPlanner.secretStep(d, o, replace);
      if (secret != null) steps.add(secret);
    } else if (d.workloadIdentity() == null) {
      secretStep(d, o, live).ifPresent(steps::add);
    }

    boolean componentsChanged = false;
    String componentsHash = d.componentsHash();
    String recordedComponents = o.recorded(Addresses.components(c.name()), "sha256");
    String componentsWhy = null;
    if (recordedComponents == null) componentsWhy = "Flux " + flux.version() + " is not installed by fluxstrap yet";
    else if (!recordedComponents.equals(componentsHash)) {
      String was = o.recorded(Addresses.components(c.name()), "version");
      componentsWhy = change != null && !change.fromVersion().equals(change.toVersion())
          ? "Flux upgrade " + change.fromVersion() + " -> " + change.toVersion()
          : flux.version().equals(was)
              ? "components changed (the selection, the bundle, or source-controller's workload identity patches)"
              : "components changed (Flux " + was + " -> " + flux.version() + ")";
    } else if (live != null && !live.missingDeployments().isEmpty()) {
      componentsWhy = "deployments missing on the cluster: " + String.join(", ", live.missingDeployments().stream().sorted().toList());
    } else if (namespaceMissing) componentsWhy = "namespace " + flux.namespace() + " is missing, so are the components";
    else if (live != null && live.workloadIdentity() != null && d.workloadIdentity() != null
        && !live.workloadIdentity().equals(LiveWorkloadIdentity.wanted(d.workloadIdentity()))) {
      componentsWhy = "source-controller's workload identity annotations or pod label were changed on the cluster";
    }
    if (componentsWhy != null) {
      componentsChanged = true;
      Map<String, String> before = new LinkedHashMap<>();
      if (recordedComponents != null) {
        before.put("version", o.recorded(Addresses.components(c.name()), "version"));
        before.put("sha256", recordedComponents);
      }
      Map<String, String> after = new LinkedHashMap<>();
      after.put("version", flux.version());
      after.put("components", String.join(",", flux.allComponents()));
      after.put("sha256", componentsHash);
      steps.add(new Step(Addresses.components(c.name()), recordedComponents == null ? ChangeKind.CREATE : ChangeKind.UPDATE,
          componentsWhy,
          new Action.ApplyComponents(c.name(), flux.version(), componentsHash, change), before, after));
    }

    Step sync = syncStep(d, o, live, namespaceMissing);
    if (sync != null) steps.add(sync);
    // After the sync update, so the GitRepository never points at a secret that is already gone.
    if (d.workloadIdentity() != null) SecretRemoval.step(d, o, live).ifPresent(steps::add);

    if (c.health().enabled() && (repoChanges || componentsChanged || sync != null)) {
      steps.add(new Step(Addresses.health(c.name()), ChangeKind.READ,
          "wait for GitRepository and Kustomization " + flux.namespace() + "/" + FluxObjects.syncName(flux.namespace()) + " to be Ready at the pushed revision",
          new Action.WaitHealthy(c.name(), c.health().timeout().toSeconds()), Map.of(),
          Map.of("timeout", c.health().timeout().toSeconds() + "s")));
    }
    return steps;
  }

  private static java.util.Optional<Step> secretStep(DesiredCluster d, Observed o, Live.Cluster live) {
    ClusterSpec c = d.cluster();
    String address = Addresses.secret(c.name());
    String recorded = o.recorded(address, "fingerprint");
    String current = live != null ? live.secretFingerprint() : recorded;
    if (d.secretFingerprint().equals(current)) return java.util.Optional.empty();
    // Drift accepted by a refresh-only apply stays while the spec's credential is the one it was accepted for.
    if (current != null && current.equals(recorded) && d.secretFingerprint().equals(o.recorded(address, StateFromLive.ACCEPTED_FOR))) {
      return java.util.Optional.empty();
    }
    String name = c.flux().namespace() + "/" + c.flux().secretName();
    String why;
    if (current == null) why = live != null ? "secret " + name + " does not exist on the cluster" : "not in state";
    else if (live != null && recorded != null && !recorded.equals(current)) why = "secret " + name + " was changed on the cluster since the last apply";
    else if (recorded != null && recorded.equals(current)) why = "credential rotated: the token differs from the one on the cluster";
    else why = "secret " + name + " differs from the desired content";
    List<String> keys = current == null ? List.of() : live != null ? List.copyOf(live.secretKeys()) : d.secretKeys();
    Map<String, String> perKey = live != null ? live.secretKeyFingerprints() : SecretKeyRows.recorded(o.recorded(address));
    SecretKeyRows.Rows rows = SecretKeyRows.of(keys, perKey, d.secretKeys(), d.secretKeyFingerprints());
    return java.util.Optional.of(new Step(address, current == null ? ChangeKind.CREATE : ChangeKind.UPDATE, why,
        new Action.ApplySecret(c.name(), c.flux().namespace(), c.flux().secretName(), d.secretKeys(), d.secretFingerprint()),
        rows.before(), rows.after()));
  }

  private static Step syncStep(DesiredCluster d, Observed o, Live.Cluster live, boolean namespaceMissing) {
    ClusterSpec c = d.cluster();
    String hash = d.hash(DesiredCluster.SYNC);
    String recorded = o.recorded(Addresses.sync(c.name()), "sha256");
    Map<String, String> wanted = wantedSync(d);
    Map<String, String> found = live != null ? foundSync(live) : null;
    if (live != null && live.kustomization() != null) PathGuard.check(c, live.kustomization().get("path"), recorded == null ? null : o.recorded(Addresses.sync(c.name()), "path"));
    String why = null;
    if (found != null && found.isEmpty()) why = "GitRepository and Kustomization do not exist on the cluster";
    else if (found != null && !found.equals(wanted)) why = "changed on the cluster: " + differingKeys(wanted, found);
    else if (recorded == null) why = "not in state";
    else if (!recorded.equals(hash)) why = "sync settings changed in the spec";
    else if (namespaceMissing) why = "namespace is missing, so are the sync objects";
    if (why == null) return null;
    Map<String, String> before = found != null ? new LinkedHashMap<>(found) : new LinkedHashMap<>();
    boolean create = found != null ? found.isEmpty() : recorded == null;
    return new Step(Addresses.sync(c.name()), create ? ChangeKind.CREATE : ChangeKind.UPDATE, why,
        new Action.ApplySync(c.name(), hash), before, wanted);
  }

  static Map<String, String> wantedSync(DesiredCluster d) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("url", d.syncUrl());
    m.put("branch", d.repository().branch());
    m.put("interval", d.cluster().flux().interval());
    m.put("secretRef", d.workloadIdentity() == null ? d.cluster().flux().secretName() : "");
    m.put("path", d.cluster().syncPath());
    if (d.workloadIdentity() != null) m.put("provider", "azure");
    return m;
  }

  /** The live fields compared with the spec; empty when both objects are absent. */
  static Map<String, String> foundSync(Live.Cluster live) {
    Map<String, String> m = new LinkedHashMap<>();
    if (live.gitRepository() == null && live.kustomization() == null) return m;
    Map<String, Object> g = live.gitRepository() == null ? Map.of() : live.gitRepository();
    Map<String, Object> k = live.kustomization() == null ? Map.of() : live.kustomization();
    m.put("url", str(g.get("url")));
    m.put("branch", str(nested(g, "ref", "branch")));
    m.put("interval", str(g.get("interval")));
    m.put("secretRef", str(nested(g, "secretRef", "name")));
    m.put("path", str(k.get("path")));
    if (g.get("provider") != null && !"generic".equals(g.get("provider"))) m.put("provider", str(g.get("provider")));
    return m;
  }

  private static String differingKeys(Map<String, String> wanted, Map<String, String> found) {
    List<String> keys = new ArrayList<>();
    for (var e : wanted.entrySet()) if (!Objects.equals(e.getValue(), found.get(e.getKey()))) keys.add(e.getKey());
    return String.join(", ", keys);
  }

  private static Object nested(Map<String, Object> m, String a, String b) {
    return m.get(a) instanceof Map<?, ?> inner ? inner.get(b) : null;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }
}
