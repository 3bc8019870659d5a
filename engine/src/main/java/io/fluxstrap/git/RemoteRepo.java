package io.fluxstrap.git;

import io.fluxstrap.secret.Sensitive;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * Where a repository is and how to authenticate. {@code url} is https://, http:// (only when
 * {@code allowInsecureHttp}), ssh:// or file://. {@code caFile} may be null.
 */
public record RemoteRepo(String url, Credential credential, boolean allowInsecureHttp, Path caFile) {
  /** How the CLI authenticates. */
  public sealed interface Credential {
    record None() implements Credential {}

    record Token(String username, Sensitive password) implements Credential {}

    /** An HTTPS bearer token (Entra ID), sent as {@code Authorization: Bearer}; asked for per connection. */
    record Bearer(BearerToken token) implements Credential {
      @Override
      public String toString() {
        return "Bearer[" + token.identity() + "]";
      }
    }

    /**
     * An SSH key already loaded (decrypted) in memory, for {@code ssh://} URLs. The server's host
     * key must match one of {@code knownHosts} (known_hosts lines): checking is always strict, an
     * unknown or different host key fails. {@code keyFingerprint} ({@code SHA256:...}) names the key
     * in errors. {@code toString} shows no key material.
     */
    record SshKey(KeyPair key, String keyFingerprint, List<String> knownHosts) implements Credential {
      public SshKey {
        knownHosts = List.copyOf(knownHosts);
      }

      @Override
      public String toString() {
        return "SshKey[" + keyFingerprint + "]";
      }
    }
  }

  @Override
  public String toString() {
    return url;
  }
}
