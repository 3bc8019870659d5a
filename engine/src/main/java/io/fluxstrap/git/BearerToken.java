package io.fluxstrap.git;

import io.fluxstrap.secret.Sensitive;

/**
 * Where an HTTPS bearer token comes from (the engine passes an Entra ID token source): asked again
 * for every connection, so a source that renews tokens before they expire keeps long runs working.
 * {@link #current()} may throw; its message is shown as is and must name no secret.
 */
public interface BearerToken {
  /** A token valid for a while yet. */
  Sensitive current();

  /** Who the token speaks for (tenant, client or object id, user); shown in errors, never the token. */
  String identity();
}
