package io.fluxstrap.spec;

/**
 * How the cluster's source-controller authenticates to Git, i.e. what Secret {@code flux-system}
 * holds. The SSH flows add their types in a later change.
 */
public sealed interface SyncAuth {
  /** The repository's PAT over HTTPS: Secret keys {@code username}, {@code password}. */
  record Token() implements SyncAuth {}
}
