package io.fluxstrap.kube;

/** A cluster operation failed; the message names the cluster server and object, never secret data. */
public class KubeFailure extends RuntimeException {
  public KubeFailure(String message) {
    super(message, null, false, false);
  }

  /** The API refused for lack of rights (401/403). */
  public static final class Forbidden extends KubeFailure {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** The API server could not be reached. */
  public static final class Unreachable extends KubeFailure {
    public Unreachable(String message) {
      super(message);
    }
  }

  /** Server-side apply found another manager owning a field (409). */
  public static final class Conflict extends KubeFailure {
    public Conflict(String message) {
      super(message);
    }
  }
}
