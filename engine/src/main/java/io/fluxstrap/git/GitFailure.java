package io.fluxstrap.git;

/**
 * A Git operation failed. Messages say what and where (the URL, the branch, the file) and what to
 * do; they never contain a credential.
 */
public class GitFailure extends RuntimeException {
  public GitFailure(String message) {
    super(message, null, false, false);
  }

  /** The credential was refused (wrong, expired or revoked token; no push rights). */
  public static final class AuthFailed extends GitFailure {
    public AuthFailed(String message) {
      super(message);
    }
  }

  /** A file the plan expected changed on the branch since the plan was made. */
  public static final class Conflict extends GitFailure {
    public Conflict(String message) {
      super(message);
    }
  }

  /** The repository or host could not be reached or does not exist. */
  public static final class Unreachable extends GitFailure {
    public Unreachable(String message) {
      super(message);
    }
  }
}
