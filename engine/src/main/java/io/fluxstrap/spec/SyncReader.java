package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.util.List;
import java.util.Locale;

/**
 * Reads a cluster's {@code sync.auth}: how its source-controller authenticates to the repository.
 * The rules span the cluster and its repository (a token needs a token repository; SSH from an
 * https:// repository needs a host and a key of its own; Azure DevOps takes RSA keys only).
 */
final class SyncReader {
  private static final List<String> KEYS = List.of("hostname", "key", "knownHosts");

  private final ReadContext in;

  SyncReader(ReadContext in) {
    this.in = in;
  }

  /**
   * The sync auth of the cluster at {@code clusterAt}. {@code repo} is null when its repository is
   * unknown or broken (already reported): the checks that need it are skipped.
   */
  SyncAuth read(String clusterAt, String repository, RepositorySpec repo) {
    String authAt = child(child(clusterAt, "sync"), "auth");
    if (!in.has(authAt)) return defaults(clusterAt, repository, repo);
    if (!in.valid(authAt)) return null;
    String word = in.text(authAt, null);
    String tokenAt = child(child(clusterAt, "sync"), "token");
    if ("token".equals(word)) return token(authAt, tokenAt, repository, repo);
    if (in.has(tokenAt)) in.errorAtKey(tokenAt, "sync.token is for sync.auth: token; remove it or set auth: token");
    if (word == null && in.has(child(authAt, "workloadIdentity"))) return new WorkloadIdentityReader(in).read(child(authAt, "workloadIdentity"), repo);
    return ssh(authAt, word != null, repo);
  }

  /** A PAT for the cluster: the repository's own, or a separate one named by sync.token.env. */
  private SyncAuth token(String authAt, String tokenAt, String repository, RepositorySpec repo) {
    if (in.has(tokenAt)) {
      if (repo != null && !repo.url().startsWith("https://") && !repo.url().startsWith("http://")) {
        in.errorAtKey(tokenAt, "sync.token needs an https:// repository: a PAT works over HTTPS only");
      }
      return new SyncAuth.Token(in.text(child(tokenAt, "env"), null), in.text(child(tokenAt, "username"), GitAuth.Token.DEFAULT_USERNAME));
    }
    if (repo != null && !(repo.auth() instanceof GitAuth.Token)) {
      in.error(authAt, "sync auth 'token' needs repository '" + repository + "' to use token auth"
          + (repo.auth() instanceof GitAuth.Entra ? ", or a PAT of the cluster's own: sync.token: {env: FLUX_READ_PAT}" : ""));
    }
    return new SyncAuth.Token();
  }

  /**
   * Without a {@code sync} block the cluster uses what its repository uses: the PAT, or the
   * repository's key and ssh:// URL (Flux's --private-key-file). A repository without
   * credentials leaves the cluster nothing to put in Secret flux-system: an error.
   */
  private SyncAuth defaults(String clusterAt, String repository, RepositorySpec repo) {
    if (repo == null || repo.auth() instanceof GitAuth.Token) return new SyncAuth.Token();
    if (repo.auth() instanceof GitAuth.SshKey) return new SyncAuth.Ssh(null, null, null);
    if (repo.auth() instanceof GitAuth.Entra) {
      in.error(child(clusterAt, "repository"), "repository '" + repository + "' pushes with an Entra ID token, which never goes to the cluster; "
          + "give the cluster sync.auth: {workloadIdentity: {clientId: ...}}, or sync.auth: token with sync.token: {env: FLUX_READ_PAT}");
      return null;
    }
    in.error(child(clusterAt, "repository"), "repository '" + repository + "' has no credentials for the cluster to sync with; give it auth: token");
    return null;
  }

  /** {@code auth: ssh} ({@code word}) or {@code auth: {ssh: {...}}}. */
  private SyncAuth ssh(String authAt, boolean word, RepositorySpec repo) {
    String sshAt = child(authAt, "ssh");
    String hostAt = child(sshAt, "hostname");
    String keyAt = child(sshAt, "key");
    String hostname = hostname(hostAt);
    KeySpec key = new KeySpecReader(in).read(keyAt);
    boolean sshRepo = repo != null && repo.url().startsWith("ssh://");
    if (repo != null && !sshRepo) {
      String kind = kind(repo.url());
      if (!given(sshAt, "hostname")) {
        needs(word, authAt, sshAt, "sync auth 'ssh' needs 'hostname' with " + kind + ": the SSH host the cluster pulls from, e.g. ssh.dev.azure.com");
      }
      if (!given(sshAt, "key")) {
        needs(word, authAt, sshAt,
            "sync auth 'ssh' needs 'key' with " + kind + ": the cluster needs a key of its own, e.g. key: {algorithm: rsa, rsaBits: 4096}");
      }
    }
    // An explicit host decides; else the repository's URL does (its SSH host, or the Azure DevOps
    // HTTPS host whose SSH host the user still has to name).
    boolean azureDevOps = hostname != null ? GitUrls.isAzureDevOpsSshHost(hostname) : repo != null && GitUrls.isAzureDevOps(repo.url());
    String algorithmAt = child(keyAt, "algorithm");
    boolean algorithmKnown = !in.has(algorithmAt) || in.valid(algorithmAt); // an invalid one is reported already
    if (azureDevOps && key != null && algorithmKnown && key.algorithm() != KeySpec.Algorithm.RSA) rsaOnly(keyAt, key);
    String knownHosts = new KnownHostsReader(in).read(child(sshAt, "knownHosts"), azureDevOps);
    return new SyncAuth.Ssh(hostname, key, knownHosts);
  }

  /** Whether {@code key} is in the mapping, or a misspelling of it is (reported as unknown, with "did you mean"). */
  private boolean given(String sshAt, String key) {
    return in.keys(sshAt).stream().anyMatch(k -> k.equals(key) || (!KEYS.contains(k) && Suggestions.closest(k, KEYS).orElse("").equals(key)));
  }

  private String hostname(String at) {
    String raw = in.text(at, null);
    if (raw == null) return null;
    Normalized checked = SshHosts.check(raw);
    if (!checked.ok()) in.error(at, checked.problem());
    return checked.value();
  }

  private void needs(boolean word, String authAt, String sshAt, String message) {
    if (word) in.error(authAt, message);
    else in.errorAtKey(sshAt, message);
  }

  private void rsaOnly(String keyAt, KeySpec key) {
    String algorithmAt = child(keyAt, "algorithm");
    if (in.has(algorithmAt)) {
      in.error(algorithmAt, "only RSA keys work with Azure DevOps, not " + key.algorithm().key() + "; set algorithm: rsa");
    } else {
      in.errorAtKey(keyAt, "only RSA keys work with Azure DevOps and the default algorithm is ecdsa; set algorithm: rsa");
    }
  }

  private static String kind(String url) {
    if (url.startsWith("file://")) return "a local repository";
    return "an " + url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) + ":// repository";
  }
}
