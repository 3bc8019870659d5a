package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.SyncAuth;
import io.fluxstrap.ssh.LoadedKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of Secret {@code flux-system} for a cluster, built from the credentials at the moment
 * it is needed. The planner only fingerprints it; the executor writes it to the cluster. Keys are
 * Flux's: {@code username}/{@code password} (+ {@code ca.crt}) for a token; {@code identity},
 * {@code identity.pub}, {@code known_hosts} (+ {@code password} for an encrypted key) for SSH.
 */
public final class SecretContents {
  public static final List<String> SSH_KEYS = List.of("identity", "identity.pub", "known_hosts");

  private SecretContents() {}

  /** A private key and its public line, from a key just generated or kept from the cluster. */
  public record KeyMaterial(Sensitive identity, String identityPub) {
    @Override
    public String toString() {
      return "KeyMaterial[" + identityPub + "]";
    }
  }

  /**
   * The data for clusters whose secret is fully known locally: token auth, or SSH with the
   * repository's key file (flow 3). Not for generated keys: see {@link #withKey}.
   */
  public static Map<String, byte[]> of(ClusterSpec cluster, RepositorySpec repo, Credentials credentials, String knownHosts) {
    if (cluster.sync() instanceof SyncAuth.Token) return tokenData(cluster, repo, credentials);
    if (cluster.sync() instanceof SyncAuth.Ssh s && s.generate() == null) return repositoryKeyData(cluster, repo, credentials, knownHosts);
    throw new IllegalArgumentException(cluster.address() + ": the secret holds a generated key; use withKey");
  }

  /** SSH data around a generated key (flow 2): identity, identity.pub, known_hosts. */
  public static Map<String, byte[]> withKey(KeyMaterial key, String knownHosts) {
    Map<String, byte[]> data = new TreeMap<>();
    data.put("identity", key.identity().bytes());
    data.put("identity.pub", publicLine(key.identityPub()));
    data.put("known_hosts", knownHosts.getBytes(StandardCharsets.UTF_8));
    return data;
  }

  private static Map<String, byte[]> repositoryKeyData(ClusterSpec cluster, RepositorySpec repo, Credentials credentials, String knownHosts) {
    if (!(repo.auth() instanceof GitAuth.SshKey k)) {
      throw new UserException(cluster.address() + ": sync over SSH without a key to generate needs repository '" + repo.name() + "' to use auth.sshKey");
    }
    LoadedKey key = credentials.key(k.file())
        .orElseThrow(() -> new UserException("the SSH key " + k.file() + " of repository '" + repo.name() + "' was not loaded"));
    Map<String, byte[]> data = withKey(new KeyMaterial(key.fileContent(), key.publicKey()), knownHosts);
    if (key.encrypted()) {
      Sensitive passphrase = credentials.passphrase(k.passphraseEnv())
          .orElseThrow(() -> new UserException("no passphrase for the SSH key " + k.file() + ": set " + k.passphraseEnv()));
      data.put("password", passphrase.bytes());
    }
    return data;
  }

  /** identity.pub as Flux writes it: the authorized_keys line and a newline. */
  private static byte[] publicLine(String line) {
    String s = line.strip();
    return (s + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] readCa(RepositorySpec repo) {
    try {
      return java.nio.file.Files.readAllBytes(repo.caFile());
    } catch (java.io.IOException e) {
      throw new UserException("cannot read caFile " + repo.caFile() + " of repository '" + repo.name() + "': " + e.getMessage());
    }
  }

  private static Map<String, byte[]> tokenData(ClusterSpec cluster, RepositorySpec repo, Credentials credentials) {
    if (cluster.sync() instanceof SyncAuth.Token own && own.separate()) {
      Sensitive pat = credentials.token(own.env())
          .orElseThrow(() -> new UserException("no token for cluster '" + cluster.name() + "': set " + own.env()));
      Map<String, byte[]> data = new TreeMap<>();
      data.put("username", own.username().getBytes(StandardCharsets.UTF_8));
      data.put("password", pat.bytes());
      if (repo.caFile() != null) data.put("ca.crt", readCa(repo));
      return data;
    }
    if (!(repo.auth() instanceof GitAuth.Token token)) {
      throw new UserException(cluster.address() + ": sync.auth token needs repository '" + repo.name() + "' to use token auth");
    }
    Sensitive pat = credentials.token(token.env())
        .orElseThrow(() -> new UserException("no token for repository '" + repo.name() + "': set " + token.env()));
    Map<String, byte[]> data = new TreeMap<>();
    data.put("username", token.username().getBytes(StandardCharsets.UTF_8));
    data.put("password", pat.bytes());
    if (repo.caFile() != null) data.put("ca.crt", readCa(repo));
    return data;
  }
}
