package io.fluxstrap.apply;

import io.fluxstrap.diag.UserException;

/**
 * What happens once a key is generated and before anything else changes: the user registers the
 * public key with the Git host (Azure DevOps: the SSH public keys of the user whose PAT this is).
 * The CLI asks on a terminal, or notes that a pipeline registers it out of band.
 */
public interface KeyRegistration {
  enum Outcome {
    /** The user confirmed the key is registered. */
    CONFIRMED,
    /** Registered elsewhere later: the health wait of that cluster is skipped. */
    OUT_OF_BAND
  }

  /** A key just generated: public parts only. */
  record NewKey(String cluster, String algorithm, String publicKey, String fingerprint, String syncUrl) {}

  /** Returns how the key gets registered, or throws a UserException to stop the apply. */
  Outcome register(NewKey key);

  /** For callers that cannot ask: refuses, saying how to run instead. */
  KeyRegistration REFUSE = key -> {
    throw new UserException("cluster." + key.cluster() + ": a new SSH key must be registered with the Git host, and nobody can confirm it here;"
        + " run apply on a terminal, or pass --key-registration=out-of-band");
  };
}
