package io.fluxstrap.spec;

/**
 * How the cluster's source-controller authenticates to Git, i.e. what Secret {@code flux-system}
 * holds.
 */
public sealed interface SyncAuth {
  /** The repository's PAT over HTTPS: Secret keys {@code username}, {@code password}. */
  record Token() implements SyncAuth {}

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
