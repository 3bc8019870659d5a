package io.fluxstrap.state;

import java.util.Optional;

/**
 * Where state lives. Backends move bytes and hold the lock; {@code StateCodec} checks format
 * version, serial and lineage. Implementations: a local file (the default), an Azure Storage blob
 * with a lease ({@code state/azure}) and a Kubernetes Secret with a Lease ({@link KubernetesStateStore}).
 */
public interface StateStore extends AutoCloseable {
  /** The current state, or empty when none was ever written. Refuses a newer format. */
  Optional<State> read();

  /**
   * Persists {@code next} atomically, keeping the previous version as a backup. The caller must
   * hold the lock. Refuses a write whose lineage differs or whose serial does not grow.
   */
  void write(State next);

  /**
   * Replaces {@code current} with a marker saying the state now lives at {@code destination}
   * (serial + 1; the previous version stays the backup), after which every read here is refused.
   * The caller must hold the lock.
   */
  default void markMigrated(State current, String destination) {
    throw new io.fluxstrap.diag.UserException("state in " + describe() + " cannot be marked as migrated");
  }

  /** Takes the lock or throws a {@code UserException} naming its holder. */
  LockInfo lock(String operation);

  /** The lock as another run would see it now (held and not expired), for notes such as drift's. */
  default Optional<LockInfo> currentLock() {
    return Optional.empty();
  }

  /** Releases a lock this process holds. */
  void unlock(LockInfo lock);

  /** Removes the lock whatever process holds it, if its id matches; else a UserException. */
  void forceUnlock(String id);

  /** Human description, e.g. the file path. */
  String describe();

  /** Stops what the store runs in the background (lock renewal); never releases a lock. */
  @Override
  default void close() {}
}
