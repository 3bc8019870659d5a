package io.fluxstrap.apply;

import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.ClusterIdentity;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.ClusterRecord;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.FluxObjects;
import io.fluxstrap.plan.PathGuard;
import io.fluxstrap.plan.Planner;
import io.fluxstrap.plan.SecretContents;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Namespace, secret, components and sync: the cluster side of an apply, all server-side apply. */
final class ClusterSteps {
  private ClusterSteps() {}

  static String namespace(Run run, Action.CreateNamespace a) {
    Cluster k = cluster(run, a.cluster());
    k.applyNamespace(a.namespace());
    run.record(Addresses.namespace(a.cluster()), "namespace", Map.of("name", a.namespace()));
    return "namespace " + a.namespace() + " applied";
  }

  static String secret(Run run, Action.ApplySecret a) {
    DesiredCluster d = run.desired.get(a.cluster());
    Cluster k = cluster(run, a.cluster());
    Map<String, byte[]> data;
    SecretContents.KeyMaterial key = null;
    if (d.generateKey() != null) {
      if (a.fingerprint() != null) throw StalePlan.because("cluster " + a.cluster() + " now generates its SSH key; run plan again");
      key = KeySteps.keyFor(run, a.cluster(), k, a.namespace(), a.name());
      data = SecretContents.withKey(key, d.knownHosts());
    } else {
      data = SecretContents.of(d.cluster(), d.repository(), run.connections.credentials(), d.knownHosts());
      String fingerprint = Fingerprints.secretData(run.state().lineage(), data);
      if (!fingerprint.equals(a.fingerprint())) {
        throw StalePlan.because("the credential for " + a.namespace() + "/" + a.name() + " differs from the one the plan was made with");
      }
    }
    String fingerprint = Fingerprints.secretData(run.state().lineage(), data);
    k.applySecret(a.namespace(), a.name(), data);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("namespace", a.namespace());
    attrs.put("name", a.name());
    attrs.put("keys", String.join(",", data.keySet()));
    attrs.put("fingerprint", fingerprint);
    if (d.knownHosts() != null) attrs.put("known_hosts", Fingerprints.sha256(d.knownHosts()));
    // per key, so drift can name the keys that changed on the cluster (never their values)
    Fingerprints.perKey(run.state().lineage(), data).forEach((k2, f) -> attrs.put("key:" + k2, f));
    run.record(Addresses.secret(a.cluster()), "secret", attrs);
    if (key != null && run.generatedKeys.containsKey(a.cluster())) {
      Map<String, String> keyAttrs = new LinkedHashMap<>();
      keyAttrs.put("algorithm", d.generateKey().describe());
      keyAttrs.put("public_key", key.identityPub().strip());
      keyAttrs.put("fingerprint", io.fluxstrap.ssh.PublicKeys.fingerprintOfLine(key.identityPub().strip()));
      run.record(Addresses.sshKey(a.cluster()), "ssh_key", keyAttrs);
      run.generatedKeys.remove(a.cluster());
      return "secret " + a.namespace() + "/" + a.name() + " applied with the new key " + keyAttrs.get("fingerprint");
    }
    return "secret " + a.namespace() + "/" + a.name() + " applied";
  }

  static String components(Run run, Action.ApplyComponents a) {
    DesiredCluster d = run.desired.get(a.cluster());
    String content = d.clusterComponents();
    if (!Fingerprints.sha256(content).equals(a.sha256())) {
      throw StalePlan.because("the rendered gotk-components.yaml of " + a.cluster() + " differs from the planned one");
    }
    int n = cluster(run, a.cluster()).applyManifests(content,
        (kind, name, done, total) -> run.listener.progress(Addresses.components(a.cluster()) + ": applied " + kind + "/" + name + " (" + done + "/" + total + ")"));
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("version", d.cluster().flux().version());
    attrs.put("components", String.join(",", d.cluster().flux().allComponents()));
    attrs.put("sha256", a.sha256());
    attrs.put("objects", String.valueOf(n));
    run.record(Addresses.components(a.cluster()), "components", attrs);
    return n + " objects applied";
  }

  static String sync(Run run, Action.ApplySync a) {
    DesiredCluster d = run.desired.get(a.cluster());
    ClusterSpec c = d.cluster();
    String content = d.file(DesiredCluster.SYNC).content();
    if (!Fingerprints.sha256(content).equals(a.sha256())) {
      throw StalePlan.because("the rendered gotk-sync.yaml of " + a.cluster() + " differs from the planned one");
    }
    Cluster k = cluster(run, a.cluster());
    guardPath(run, k, c);
    k.applyManifests(content, Cluster.ApplyListener.NONE);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("sha256", a.sha256());
    attrs.put("url", d.syncUrl());
    attrs.put("branch", d.repository().branch());
    attrs.put("path", c.syncPath());
    if (c.sync() instanceof io.fluxstrap.spec.SyncAuth.WorkloadIdentity) attrs.put("provider", "azure");
    run.record(Addresses.sync(a.cluster()), "sync", attrs);
    return "GitRepository and Kustomization " + c.flux().namespace() + "/" + FluxObjects.syncName(c.flux().namespace()) + " applied";
  }

  private static void guardPath(Run run, Cluster k, ClusterSpec c) {
    Optional<Map<String, Object>> ks = k.get(FluxObjects.KUSTOMIZE_API, "Kustomization", c.flux().namespace(), FluxObjects.syncName(c.flux().namespace()));
    var recorded = run.state().resource(Addresses.sync(c.name()));
    PathGuard.check(c, ks.map(o -> o.get("spec") instanceof Map<?, ?> s ? s.get("path") : null).orElse(null),
        recorded == null ? null : recorded.get("path"));
  }

  /** The cluster, after checking it is the one state recorded (and recording it the first time). */
  static Cluster cluster(Run run, String name) {
    ClusterSpec c = run.spec.clusters().get(name);
    String address = Addresses.cluster(name);
    var recorded = run.state().resource(address);
    if (c == null) {
      // A cluster being destroyed after its removal from the spec: reached as state recorded it.
      ClusterRecord r = ClusterRecord.of(run.state(), name);
      if (r == null) throw StalePlan.because(address + " is neither in the spec nor recorded with its connection in state");
      Cluster k = run.connections.cluster(name, r.target());
      if (run.verifiedClusters.add(name)) {
        ClusterIdentity id = k.identity();
        Planner.refuseOtherCluster(address, recorded.get("uid"), id.uid(), id.server());
      }
      return k;
    }
    Cluster k = run.connections.cluster(c);
    if (recorded == null || !recorded.attributes().containsKey("uid")) {
      ClusterIdentity id = k.identity();
      run.record(address, "cluster", ClusterRecord.attributes(c, id));
    } else if (!run.verifiedClusters.contains(name)) {
      ClusterIdentity id = k.identity();
      Planner.refuseOtherCluster(address, recorded.get("uid"), id.uid(), id.server());
      // keep how to reach it current, so that a cluster removed from the spec later can be destroyed
      Map<String, String> now = ClusterRecord.attributes(c, id);
      if (!now.equals(recorded.attributes())) run.record(address, "cluster", now);
    }
    run.verifiedClusters.add(name);
    return k;
  }
}
