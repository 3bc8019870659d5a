package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;
import java.time.Instant;

/** Who holds the state lock, for what, since when. */
public record LockInfo(String id, String who, String operation, Instant created) {
  /** {@code user@host} of this process: who a lock taken now names. */
  public static String currentWho() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "unknown-host";
      }
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }

  /** The refusal every backend gives a run that finds this lock held by another. */
  public UserException heldBy() {
    return new UserException("state is locked by " + who + " since " + created + " for " + operation
        + " (lock ID " + id + "); if that run is dead, run: fluxstrap force-unlock " + id);
  }
}
