package io.fluxstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every state backend must do. A backend's test extends this class and says how to open a
 * store on its location (each call a new instance, as a second process would) and how to reach
 * the stored bytes behind the store's back.
 */
public abstract class StateStoreContract {
  /** A new store instance on the same location as every other call in this test. */
  protected abstract StateStore store();

  /** Puts {@code bytes} where the state lives, bypassing every check (a file from elsewhere). */
  protected abstract void putRaw(byte[] bytes);

  /** The bytes of the kept previous version, if any. */
  protected abstract Optional<byte[]> backupRaw();

  /** Always the same state (one lineage), so tests can compare what they wrote with what they read. */
  protected static State sample() {
    return new State(State.FORMAT_VERSION, 0, "6f1f4c1e-0b7a-4a43-9d43-2f1d5b1c0a11", "fluxstrap test", Map.of())
        .with("repo.main.components", new ResourceState("repo_file", Map.of("sha256", "sha256:abc", "commit", "0123")))
        .with("cluster.dev.secret", new ResourceState("cluster_secret", Map.of("fingerprint", "hmac-sha256:def")));
  }

  @Test
  void nothingStoredReadsAsEmpty() {
    assertEquals(Optional.empty(), store().read());
  }

  @Test
  void whatIsWrittenIsReadBack() {
    State s = sample();
    store().write(s);
    assertEquals(Optional.of(s), store().read());
    State next = s.with("cluster.dev.secret", null);
    store().write(next);
    assertEquals(Optional.of(next), store().read());
  }

  @Test
  void serialMustGrow() {
    State s = sample();
    store().write(s);
    UserException same = assertThrows(UserException.class, () -> store().write(s));
    assertTrue(same.getMessage().startsWith("state changed underneath: serial " + s.serial()), same.getMessage());
    State older = new State(State.FORMAT_VERSION, s.serial() - 1, s.lineage(), s.writer(), s.resources());
    assertThrows(UserException.class, () -> store().write(older));
    assertEquals(Optional.of(s), store().read(), "a refused write changes nothing");
  }

  @Test
  void aRunThatReadBeforeAnotherWroteIsRefused() {
    store().write(sample());
    State readByA = store().read().orElseThrow();
    State readByB = store().read().orElseThrow();
    store().write(readByA.with("a", new ResourceState("t", Map.of())));
    UserException e = assertThrows(UserException.class, () -> store().write(readByB.with("b", new ResourceState("t", Map.of()))));
    assertTrue(e.getMessage().contains("state changed underneath"), e.getMessage());
    assertEquals("t", store().read().orElseThrow().resource("a").type());
  }

  @Test
  void anotherLineageIsRefused() {
    store().write(sample());
    State foreign = new State(State.FORMAT_VERSION, 99, UUID.randomUUID().toString(), "other", Map.of());
    UserException e = assertThrows(UserException.class, () -> store().write(foreign));
    assertTrue(e.getMessage().contains("another state history"), e.getMessage());
    assertEquals(Optional.of(sample().lineage()), store().read().map(State::lineage));
  }

  @Test
  void thePreviousVersionIsKept() {
    assertEquals(Optional.empty(), backupRaw());
    State first = sample();
    store().write(first);
    State second = first.with("x", new ResourceState("t", Map.of("k", "v")));
    store().write(second);
    assertEquals(first, StateCodec.decode(backupRaw().orElseThrow(), "backup"));
    store().write(second.with("y", new ResourceState("t", Map.of())));
    assertEquals(second, StateCodec.decode(backupRaw().orElseThrow(), "backup"));
  }

  @Test
  void aLockExcludesEveryOtherRun() {
    StateStore a = store();
    LockInfo lock = a.lock("apply");
    assertFalse(lock.id().isBlank());
    assertFalse(lock.who().isBlank());
    assertEquals("apply", lock.operation());
    UserException e = assertThrows(UserException.class, () -> store().lock("plan"));
    assertEquals("state is locked by " + lock.who() + " since " + lock.created() + " for apply (lock ID " + lock.id()
        + "); if that run is dead, run: fluxstrap force-unlock " + lock.id(), e.getMessage());
    assertThrows(UserException.class, () -> a.lock("again"), "not re-entrant either");
    a.unlock(lock);
    LockInfo next = store().lock("plan");
    assertNotEquals(lock.id(), next.id());
  }

  @Test
  void aLockOutlivesARunThatDiedAndNamesItsHolder() {
    StateStore dead = store();
    LockInfo lock = dead.lock("apply");
    dead.close(); // what a crash leaves: no unlock, no more renewals
    assertEquals(Optional.of(lock), store().currentLock());
    UserException e = assertThrows(UserException.class, () -> store().lock("apply"));
    assertEquals(lock.heldBy().getMessage(), e.getMessage());
    store().forceUnlock(lock.id());
    assertEquals(Optional.empty(), store().currentLock());
    store().unlock(store().lock("apply"));
  }

  @Test
  void writesAreRefusedWhileAnotherRunHoldsTheLock() {
    StateStore holder = store();
    LockInfo lock = holder.lock("apply");
    UserException e = assertThrows(UserException.class, () -> store().write(sample()));
    assertTrue(e.getMessage().startsWith("state is locked by "), e.getMessage());
    holder.write(sample());
    assertEquals(Optional.of(sample()), store().read());
    holder.unlock(lock);
  }

  @Test
  void unlockRemovesOnlyItsOwnLock() {
    LockInfo real = store().lock("apply");
    LockInfo impostor = new LockInfo(UUID.randomUUID().toString(), real.who(), "apply", real.created());
    assertThrows(UserException.class, () -> store().unlock(impostor));
    assertThrows(UserException.class, () -> store().lock("plan"), "still locked");
    store().unlock(real);
    store().unlock(store().lock("plan"));
  }

  @Test
  void forceUnlockNeedsTheRightId() {
    LockInfo lock = store().lock("apply");
    UserException wrong = assertThrows(UserException.class, () -> store().forceUnlock("not-the-id"));
    assertTrue(wrong.getMessage().contains(lock.id()), wrong.getMessage());
    assertThrows(UserException.class, () -> store().lock("plan"), "a wrong id unlocks nothing");
    store().forceUnlock(lock.id());
    LockInfo next = store().lock("plan");
    store().unlock(next);
    UserException none = assertThrows(UserException.class, () -> store().forceUnlock(next.id()));
    assertTrue(none.getMessage().contains("not locked"), none.getMessage());
  }

  @Test
  void aMigratedStateIsRefusedAndItsLastVersionKept() {
    StateStore s = store();
    LockInfo lock = s.lock("migrate");
    s.write(sample());
    s.markMigrated(sample(), "azurerm blob tfstate/fleet.state.json");
    s.unlock(lock);
    UserException e = assertThrows(UserException.class, () -> store().read());
    assertTrue(e.getMessage().contains("was migrated to azurerm blob tfstate/fleet.state.json"), e.getMessage());
    assertThrows(UserException.class, () -> store().write(sample().with("x", new ResourceState("t", Map.of()))), "nor written");
    assertEquals(sample(), StateCodec.decode(backupRaw().orElseThrow(), "backup"));
  }

  @Test
  void aNewerFormatIsRefused() {
    putRaw(("{\"version\": " + (State.FORMAT_VERSION + 1) + ", \"serial\": 3, \"lineage\": \"l\", \"resources\": {}}")
        .getBytes(StandardCharsets.UTF_8));
    UserException e = assertThrows(UserException.class, () -> store().read());
    assertTrue(e.getMessage().endsWith("was written by a newer fluxstrap (format " + (State.FORMAT_VERSION + 1)
        + "); upgrade fluxstrap"), e.getMessage());
    assertThrows(UserException.class, () -> store().write(sample()), "nor overwritten");
  }

  @Test
  void malformedStateIsRefusedNamingTheStore() {
    putRaw("{\"version\": 1, \"serial\": ".getBytes(StandardCharsets.UTF_8));
    StateStore s = store();
    UserException e = assertThrows(UserException.class, s::read);
    assertTrue(e.getMessage().contains(s.describe()) && e.getMessage().contains("malformed"), e.getMessage());
  }
}
