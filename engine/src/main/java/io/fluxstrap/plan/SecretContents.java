package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.SyncAuth;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of Secret {@code flux-system} for a cluster, built from the credentials at the moment
 * it is needed. The planner only fingerprints it; the executor writes it to the cluster.
 */
public final class SecretContents {
  private SecretContents() {}

  public static Map<String, byte[]> of(ClusterSpec cluster, RepositorySpec repo, Credentials credentials) {
    if (cluster.sync() instanceof SyncAuth.Token) return tokenData(cluster, repo, credentials);
    throw new IllegalArgumentException("unsupported sync auth " + cluster.sync());
  }

  private static byte[] readCa(RepositorySpec repo) {
    try {
      return java.nio.file.Files.readAllBytes(repo.caFile());
    } catch (java.io.IOException e) {
      throw new UserException("cannot read caFile " + repo.caFile() + " of repository '" + repo.name() + "': " + e.getMessage());
    }
  }

  private static Map<String, byte[]> tokenData(ClusterSpec cluster, RepositorySpec repo, Credentials credentials) {
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
