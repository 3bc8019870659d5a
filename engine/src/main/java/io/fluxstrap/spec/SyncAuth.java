package io.fluxstrap.spec;

/**
 * How the cluster's source-controller authenticates to Git, i.e. what Secret {@code flux-system}
 * holds.
 */
public sealed interface SyncAuth {
  /**
   * A PAT over HTTPS: Secret keys {@code username}, {@code password}. {@code env} null means the
   * repository's own PAT; else the cluster's own PAT is read from that variable (a read-only one,
   * while fluxstrap pushes with another), written with {@code username}.
   */
  record Token(String env, String username) implements SyncAuth {
    public Token() {
      this(null, null);
    }

    /** Whether the cluster gets a PAT of its own rather than the repository's. */
    public boolean separate() {
      return env != null;
    }
  }

  /**
   * Azure workload identity: no Secret; the GitRepository gets {@code provider: azure} and
   * source-controller's service account and pods the Azure workload identity annotation and label.
   * {@code tenantId} may be null.
   */
  record WorkloadIdentity(String clientId, String tenantId) implements SyncAuth {
    /** The first Flux release whose GitRepository takes {@code provider: azure} (see README). */
    public static final String MINIMUM_FLUX = "v2.4.0";
  }

  /**
   * SSH: Secret keys {@code identity}, {@code identity.pub}, {@code known_hosts} (+ {@code password}
   * for an encrypted key).
   *
   * <p>{@code hostname} ({@code host} or {@code host:port}) is Flux's {@code --ssh-hostname}: the
   * cluster syncs from {@code ssh://git@hostname/...} derived from an https repository URL
   * (Azure DevOps paths converted to {@code /v3/org/project/repo}); null when the repository URL is
   * already {@code ssh://}, which is then used as is.
   *
   * <p>{@code generate} is the key to generate for the cluster (flow 2); null means the cluster
   * uses the repository's own key file (flow 3, repository auth {@link GitAuth.SshKey}).
   *
   * <p>{@code knownHosts} pins the SSH host's key (known_hosts lines); null means scan the host
   * (or, for flow 3, use the repository's pinned keys).
   */
  record Ssh(String hostname, KeySpec generate, String knownHosts) implements SyncAuth {}
}
