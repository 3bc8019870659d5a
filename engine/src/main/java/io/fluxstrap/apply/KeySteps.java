package io.fluxstrap.apply;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.SecretContents;
import io.fluxstrap.plan.SshEndpoint;
import io.fluxstrap.spec.KeySpec;
import io.fluxstrap.ssh.GeneratedKey;
import io.fluxstrap.ssh.KeyGenerator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Key generation and host key trust: the SSH steps that run before anything else changes. */
final class KeySteps {
  private KeySteps() {}

  /**
   * Generates the key in memory and has it registered (confirmed on a terminal, or out of band).
   * Nothing is recorded yet: the secret step records the key once the cluster holds it, so a run
   * stopped here leaves no trace and the next plan generates again.
   */
  static String generate(Run run, Action.GenerateKey a, KeyRegistration registration) {
    DesiredCluster d = run.desired.get(a.cluster());
    KeySpec spec = new KeySpec(KeySpec.Algorithm.valueOf(a.algorithm().toUpperCase(Locale.ROOT)), a.rsaBits(), a.ecdsaCurve());
    if (d == null || d.generateKey() == null || !d.generateKey().equals(spec)) {
      throw StalePlan.because("cluster." + a.cluster() + " no longer generates a " + spec.describe() + " key in the spec");
    }
    run.listener.progress(Addresses.sshKey(a.cluster()) + ": generating " + spec.describe() + " key");
    GeneratedKey key = KeyGenerator.generate(spec);
    KeyRegistration.Outcome outcome = registration.register(
        new KeyRegistration.NewKey(a.cluster(), spec.describe(), key.publicKey(), key.fingerprint(), d.syncUrl()));
    run.generatedKeys.put(a.cluster(), new SecretContents.KeyMaterial(key.privateKeyPem(), key.publicKey()));
    if (outcome == KeyRegistration.Outcome.OUT_OF_BAND) run.registeredOutOfBand.add(a.cluster());
    return spec.describe() + " key " + key.fingerprint() + (outcome == KeyRegistration.Outcome.OUT_OF_BAND ? " (registered out of band)" : " (registration confirmed)");
  }

  static String trust(Run run, Action.TrustHostKey a) {
    SshEndpoint e = new SshEndpoint(a.host(), a.port());
    var trusted = run.connections.trusted().hosts().get(e);
    if (trusted == null || !trusted.knownHosts().equals(a.knownHosts())) {
      throw StalePlan.because("the host key trusted for " + e.display() + " differs from the planned one");
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("host", e.host());
    attrs.put("port", String.valueOf(e.port()));
    attrs.put("fingerprint", a.fingerprint());
    attrs.put("known_hosts", String.join("\n", a.knownHosts()));
    attrs.put("source", trusted.source().name().toLowerCase(Locale.ROOT));
    run.record(Addresses.sshHost(e), "ssh_host", attrs);
    return "host key " + a.fingerprint() + " of " + e.display() + " trusted";
  }

  /** The private key for a generated-key secret: this run's new key, else the one on the cluster. */
  static SecretContents.KeyMaterial keyFor(Run run, String cluster, io.fluxstrap.kube.Cluster k, String namespace, String name) {
    SecretContents.KeyMaterial fresh = run.generatedKeys.get(cluster);
    if (fresh != null) return fresh;
    var secret = k.readSecret(namespace, name)
        .orElseThrow(() -> StalePlan.because("secret " + namespace + "/" + name + " disappeared from cluster " + cluster + " since the plan"));
    byte[] identity = secret.data().get("identity");
    byte[] pub = secret.data().get("identity.pub");
    if (identity == null || pub == null) {
      throw new UserException("cluster." + cluster + ": secret " + namespace + "/" + name + " holds no SSH key to keep; run plan again (it will generate one)");
    }
    return new SecretContents.KeyMaterial(io.fluxstrap.secret.Sensitive.of(identity), new String(pub, java.nio.charset.StandardCharsets.UTF_8));
  }
}
