package io.fluxstrap.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SSH host keys one run trusts, per endpoint, and where each came from. Git over SSH checks
 * host keys strictly against these; the cluster's {@code known_hosts} is made of them.
 */
public record TrustedHosts(Map<SshEndpoint, Trusted> hosts) {
  public enum Source {
    /** Pinned in the spec (knownHosts). */
    PINNED,
    /** Recorded in state by an earlier apply. */
    STATE,
    /** Scanned now, for the cluster's known_hosts only (Flux's behaviour). */
    SCANNED,
    /** Scanned now and accepted with --accept-host-key, for the CLI's own connection too. */
    ACCEPTED,
    /** Taken from a saved plan's trust step. */
    PLAN
  }

  /** {@code knownHosts}: known_hosts lines for the endpoint; {@code fingerprint}: of the first. */
  public record Trusted(SshEndpoint endpoint, List<String> knownHosts, String fingerprint, Source source) {
    public Trusted {
      knownHosts = List.copyOf(knownHosts);
    }

    /** The known_hosts file content: one line each, newline-terminated. */
    public String text() {
      return String.join("\n", knownHosts) + "\n";
    }
  }

  public TrustedHosts {
    hosts = Map.copyOf(new TreeMap<>(hosts));
  }

  public static TrustedHosts none() {
    return new TrustedHosts(Map.of());
  }

  public Trusted get(SshEndpoint endpoint) {
    Trusted t = hosts.get(endpoint);
    if (t == null) throw new IllegalStateException("no trusted host key resolved for " + endpoint.display());
    return t;
  }
}
