package io.fluxstrap.plan;

import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.KeySpec;
import io.fluxstrap.ssh.PublicKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Plans a cluster whose secret holds a key fluxstrap generates (flow 2). A new key is generated
 * only when there is none (not in state, or the secret and so its private key is gone), when the
 * secret holds another key than the recorded one, or on -replace. Otherwise the key stays and
 * only known_hosts (or a hand-edited secret) can cause an in-place update keeping the key.
 */
final class KeyPlanner {
  private KeyPlanner() {}

  /** Whether and why a new key is needed, with the change kind; null when the key stays. */
  record KeyChange(ChangeKind kind, String why) {}

  static KeyChange keyChange(DesiredCluster d, Observed o, Set<String> replace) {
    ClusterSpec c = d.cluster();
    String address = Addresses.sshKey(c.name());
    String recorded = o.recorded(address, "fingerprint");
    Live.Cluster live = o.liveCluster(c.name());
    String secret = c.flux().namespace() + "/" + c.flux().secretName();
    if (replace.contains(address)) {
      return new KeyChange(recorded == null ? ChangeKind.CREATE : ChangeKind.REPLACE, "replacement requested with -replace");
    }
    if (recorded == null) {
      String foreign = live != null && live.identityPub() != null
          ? " (secret " + secret + " holds key " + fingerprintOf(live.identityPub()) + ", not made by fluxstrap: `fluxstrap import` adopts it instead)"
          : "";
      return new KeyChange(ChangeKind.CREATE, "no SSH key generated for this cluster yet" + foreign);
    }
    if (live == null) return null;
    if (live.secretFingerprint() == null) {
      return new KeyChange(ChangeKind.REPLACE, "secret " + secret + " does not exist on the cluster: its private key is gone, so a new key is needed");
    }
    if (live.identityPub() == null) {
      return new KeyChange(ChangeKind.REPLACE, "secret " + secret + " holds no identity.pub: a new key is needed");
    }
    String found = fingerprintOf(live.identityPub());
    if (!recorded.equals(found)) {
      return new KeyChange(ChangeKind.REPLACE, "secret " + secret + " holds key " + found + ", not the recorded " + recorded
          + " (use `apply --refresh-only` to keep the one on the cluster)");
    }
    return null;
  }

  /** The generate-key step, or null. */
  static Step keyStep(DesiredCluster d, Observed o, Set<String> replace) {
    KeyChange change = keyChange(d, o, replace);
    if (change == null) return null;
    ClusterSpec c = d.cluster();
    KeySpec k = d.generateKey();
    String address = Addresses.sshKey(c.name());
    Map<String, String> before = new LinkedHashMap<>();
    if (o.recorded(address) != null) {
      before.put("algorithm", o.recorded(address, "algorithm"));
      before.put("fingerprint", o.recorded(address, "fingerprint"));
      before.put("public_key", o.recorded(address, "public_key"));
    }
    Map<String, String> after = new LinkedHashMap<>();
    after.put("algorithm", k.describe());
    after.put("fingerprint", "(known after apply)");
    after.put("public_key", "(known after apply)");
    return new Step(address, change.kind(), change.why(),
        new Action.GenerateKey(c.name(), k.algorithm().key(), k.rsaBits(), k.ecdsaCurve()), before, after);
  }

  /** The secret step of a generated-key cluster, or null when the secret is as it should be. */
  static Step secretStep(DesiredCluster d, Observed o, Set<String> replace) {
    ClusterSpec c = d.cluster();
    String address = Addresses.secret(c.name());
    Live.Cluster live = o.liveCluster(c.name());
    String name = c.flux().namespace() + "/" + c.flux().secretName();
    String recordedFingerprint = o.recorded(address, "fingerprint");
    boolean exists = live != null ? live.secretFingerprint() != null : recordedFingerprint != null;
    String why;
    if (keyChange(d, o, replace) != null) {
      why = exists ? "the new key replaces the one in " + name : "secret " + name + " will hold the new key";
    } else {
      String wantedHosts = Fingerprints.sha256(d.knownHosts());
      String currentHosts = live != null
          ? (live.secretKnownHosts() == null ? null : Fingerprints.sha256(live.secretKnownHosts()))
          : o.recorded(address, "known_hosts");
      if (live != null && recordedFingerprint != null && !recordedFingerprint.equals(live.secretFingerprint())) {
        why = "secret " + name + " was changed on the cluster since the last apply (the key is kept)";
      } else if (!wantedHosts.equals(currentHosts)) {
        why = "known_hosts changes (the key is kept)";
      } else {
        return null;
      }
    }
    java.util.List<String> keys = !exists ? java.util.List.of() : live != null ? java.util.List.copyOf(live.secretKeys()) : d.secretKeys();
    Map<String, String> perKey = live != null ? live.secretKeyFingerprints() : SecretKeyRows.recorded(o.recorded(address));
    Map<String, String> wanted = new LinkedHashMap<>(d.secretKeyFingerprints());
    if (keyChange(d, o, replace) == null) {
      // the key on the cluster is kept: its keys stay as they are
      perKey.forEach((k, f) -> { if (!k.equals("known_hosts")) wanted.putIfAbsent(k, f); });
    }
    SecretKeyRows.Rows rows = SecretKeyRows.of(keys, perKey, d.secretKeys(), wanted);
    return new Step(address, exists ? ChangeKind.UPDATE : ChangeKind.CREATE, why,
        new Action.ApplySecret(c.name(), c.flux().namespace(), c.flux().secretName(), d.secretKeys(), null), rows.before(), rows.after());
  }

  static String fingerprintOf(String publicKeyLine) {
    try {
      return PublicKeys.fingerprintOfLine(publicKeyLine.strip());
    } catch (IllegalArgumentException e) {
      return "(unreadable identity.pub)";
    }
  }
}
