package io.fluxstrap.drift;

import io.fluxstrap.drift.Check.Result;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.Live;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.SyncAuth;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cluster's Git secret and the credentials behind it, compared by per-key fingerprints: which
 * keys differ is said, never what they hold. Also the PAT in the environment against the one on the
 * cluster, and an SSH key's public fingerprint against the one state recorded.
 */
final class SecretChecks {
  static final String KEY_PREFIX = "key:";

  private SecretChecks() {}

  /**
   * @param wanted per-key fingerprints of the secret the spec and the current credentials make
   */
  static void run(CheckList out, ClusterSpec c, GitAuth auth, State state, Live.Cluster live, Map<String, String> wanted) {
    String address = Addresses.secret(c.name());
    String name = c.flux().namespace() + "/" + c.flux().secretName();
    if (c.sync() instanceof SyncAuth.WorkloadIdentity) {
      // Workload identity keeps no Git secret; one found is a stray credential (a leftover token, say).
      if (live.secretFingerprint() == null) out.pass("secret.absent", address, null, "no Secret " + name + ": the cluster pulls with workload identity");
      else out.finding(Result.DRIFT, "secret.absent", address, null, "Secret " + name + " exists although the cluster pulls with workload identity: "
          + "it holds a credential nobody rotates (keys " + String.join(", ", new TreeSet<>(live.secretKeys())) + ")", "(absent)",
          "present", address, null);
      return;
    }
    if (live.secretFingerprint() == null) {
      out.finding(Result.DRIFT, "secret.exists", address, null, "Secret " + name + " does not exist on the cluster"
          + (live.namespaceExists() ? "" : " (nor its namespace)"), "present", "(absent)", address, null);
      return;
    }
    out.pass("secret.exists", address, null, "Secret " + name + " exists");
    content(out, address, name, state.resource(address), live, wanted);
    if (c.sync() instanceof SyncAuth.Token st && !st.separate() && auth instanceof GitAuth.Token t) token(out, address, t, state.resource(address), live, wanted);
    sshKey(out, c, state, live);
  }

  /** Live against what was applied; against the spec when fluxstrap never applied it. */
  private static void content(CheckList out, String address, String name, ResourceState recorded, Live.Cluster live,
      Map<String, String> wanted) {
    Map<String, String> applied = recorded == null ? Map.of() : perKey(recorded);
    if (recorded != null && applied.isEmpty()) {
      // state written before per-key fingerprints: the whole fingerprint and the key names still tell
      if (Objects.equals(recorded.get("fingerprint"), live.secretFingerprint())) {
        out.pass("secret.content", address, null, "Secret " + name + " as applied");
        return;
      }
      List<String> keys = recorded.get("keys") == null ? List.of() : List.of(recorded.get("keys").split(","));
      out.finding(Result.DRIFT, "secret.content", address, null, "Secret " + name + " was changed on the cluster since the last apply"
          + " (state has no per-key fingerprints to name the keys)", "keys " + String.join(", ", keys),
          "keys " + String.join(", ", new TreeSet<>(live.secretKeys())), address, null);
      return;
    }
    Map<String, String> baseline = recorded != null ? applied : wanted;
    List<String> diff = diff(baseline, live.secretKeyFingerprints());
    if (diff.isEmpty()) {
      out.pass("secret.content", address, null, "Secret " + name + (recorded != null ? " as applied" : " as the spec wants"));
      return;
    }
    out.finding(Result.DRIFT, "secret.content", address, null,
        "Secret " + name + (recorded != null ? " was changed on the cluster since the last apply: " : " differs from the spec: ")
            + String.join("; ", diff),
        (recorded != null ? "as applied: keys " : "as the spec makes it: keys ") + String.join(", ", baseline.keySet()),
        String.join("; ", diff), address, null);
  }

  /** {@code added: x}, {@code removed: y}, {@code changed: password}: key names only. */
  static List<String> diff(Map<String, String> expected, Map<String, String> found) {
    List<String> added = found.keySet().stream().filter(k -> !expected.containsKey(k)).sorted().toList();
    List<String> removed = expected.keySet().stream().filter(k -> !found.containsKey(k)).sorted().toList();
    List<String> changed = expected.keySet().stream().filter(k -> found.containsKey(k) && !expected.get(k).equals(found.get(k))).sorted().toList();
    List<String> out = new ArrayList<>();
    if (!added.isEmpty()) out.add("added " + String.join(", ", added));
    if (!removed.isEmpty()) out.add("removed " + String.join(", ", removed));
    if (!changed.isEmpty()) out.add("changed " + String.join(", ", changed));
    return out;
  }

  private static void token(CheckList out, String address, GitAuth.Token t, ResourceState recorded, Live.Cluster live, Map<String, String> wanted) {
    String env = wanted.get("password");
    String onCluster = live.secretKeyFingerprints().get("password");
    if (Objects.equals(env, onCluster)) {
      out.pass("credentials.token", address, null, "the cluster has the PAT of " + t.env());
      return;
    }
    String appliedPassword = recorded == null ? null : recorded.get(KEY_PREFIX + "password");
    boolean rotated = onCluster != null && onCluster.equals(appliedPassword);
    out.finding(Result.DRIFT, "credentials.token", address, null,
        rotated ? "PAT rotated in the environment (" + t.env() + "), not yet on the cluster"
            : "the cluster's PAT differs from the one in " + t.env(),
        "the PAT of " + t.env(), onCluster == null ? "no password key" : rotated ? "the previously applied PAT" : "another PAT", address,
        null);
  }

  /** Only when state recorded a key ({@code cluster.<name>.ssh_key}, attribute fingerprint). */
  private static void sshKey(CheckList out, ClusterSpec c, State state, Live.Cluster live) {
    String keyAddress = Addresses.cluster(c.name()) + ".ssh_key";
    ResourceState key = state.resource(keyAddress);
    if (key == null || key.get("fingerprint") == null) return;
    String found = SshFingerprint.of(live.identityPub());
    if (key.get("fingerprint").equals(found)) {
      out.pass("credentials.ssh-key", keyAddress, null, "identity.pub on the cluster is the recorded key");
      return;
    }
    String secretAddress = Addresses.secret(c.name());
    out.finding(Result.DRIFT, "credentials.ssh-key", keyAddress, null,
        found == null ? "the cluster's Secret has no readable identity.pub" : "the SSH key on the cluster is not the one in state",
        key.get("fingerprint"), found == null ? "(none)" : found, secretAddress,
        "check who replaced the key; apply re-writes the secret from the recorded key");
  }

  private static Map<String, String> perKey(ResourceState r) {
    Map<String, String> m = new TreeMap<>();
    r.attributes().forEach((k, v) -> {
      if (k.startsWith(KEY_PREFIX)) m.put(k.substring(KEY_PREFIX.length()), v);
    });
    return m;
  }
}
