package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;

/**
 * A time-limited lock this process holds (a blob lease, a Kubernetes Lease) with the renewal that
 * keeps it alive. Shared by the stores whose locks expire, so they refuse and release alike.
 */
public record HeldLock(LockInfo lock, LockRenewal renewal) {
  /** Refuses a write once a renewal failed: another run may own the state by then. */
  public void refuseIfLost(String store) {
    String why = renewal.lost();
    if (why != null) throw new UserException("lost the lock on " + store + " (" + why + "); another run may own the state now");
  }

  /** Stops renewing when {@code other} is this lock; true when it was. */
  public boolean release(LockInfo other) {
    if (!lock.id().equals(other.id())) return false;
    renewal.close();
    return true;
  }
}
