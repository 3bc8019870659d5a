package io.fluxstrap.git;

import io.fluxstrap.secret.Sensitive;
import java.nio.file.Path;

/**
 * Where a repository is and how to authenticate. {@code url} is https://, http:// (only when
 * {@code allowInsecureHttp}), ssh:// or file://. {@code caFile} may be null.
 */
public record RemoteRepo(String url, Credential credential, boolean allowInsecureHttp, Path caFile) {
  /** How the CLI authenticates; SSH keys arrive with the SSH flows. */
  public sealed interface Credential {
    record None() implements Credential {}

    record Token(String username, Sensitive password) implements Credential {}
  }

  @Override
  public String toString() {
    return url;
  }
}
