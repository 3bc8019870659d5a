package io.fluxstrap.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateStoreTest extends StateStoreContract {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("state/quickstart.state.json");
  }

  @Override
  protected StateStore store() {
    return new LocalStateStore(file(), "tester@host", Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC));
  }

  @Override
  protected void putRaw(byte[] bytes) {
    try {
      Files.createDirectories(file().getParent());
      Files.write(file(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<byte[]> backupRaw() {
    Path backup = dir.resolve("state/quickstart.state.json.backup");
    try {
      return Files.exists(backup) ? Optional.of(Files.readAllBytes(backup)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A damaged state names its backup and the command that restores it, and that command works. */
  @Test
  void aMalformedStateSaysWhichBackupToRestoreAndHow() throws Exception {
    StateStore store = store();
    State first = State.empty("w").with("a", new ResourceState("t", Map.of()));
    store.write(first);
    store.write(first.with("b", new ResourceState("t", Map.of())));
    Files.writeString(file(), "{\"version\": 1, \"serial\": 2, \"lin");
    UserException e = assertThrows(UserException.class, store::read);
    Path backup = dir.resolve("state/quickstart.state.json.backup").toAbsolutePath();
    String command = "cp " + backup + " " + file().toAbsolutePath();
    assertTrue(e.getMessage().startsWith("state file " + file().toAbsolutePath() + " is malformed: "), e.getMessage());
    assertTrue(e.getMessage().contains("the previous version is in " + backup + "; check it, then restore it with: " + command), e.getMessage());
    Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
    assertEquals(0, p.waitFor());
    assertEquals(Optional.of(first), store().read());
  }

  @Test
  void aMalformedStateWithoutBackupSaysSo() throws IOException {
    putRaw("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    UserException e = assertThrows(UserException.class, store()::read);
    assertTrue(e.getMessage().contains("there is no backup (quickstart.state.json.backup) to restore"), e.getMessage());
    assertTrue(e.getMessage().contains("`fluxstrap import`"), e.getMessage());
  }

  @Test
  void theRestoreCommandQuotesPathsWithSpacesAndQuotes() throws Exception {
    Path odd = dir.resolve("my state/it's.state.json").toAbsolutePath();
    LocalStateStore store = new LocalStateStore(odd, "t@h", Clock.systemUTC());
    State first = State.empty("w").with("a", new ResourceState("t", Map.of()));
    store.write(first);
    store.write(first.with("b", new ResourceState("t", Map.of())));
    Files.writeString(odd, "[]");
    UserException e = assertThrows(UserException.class, store::read);
    String command = "cp " + quoted(odd + ".backup") + " " + quoted(odd.toString());
    assertTrue(e.getMessage().contains("restore it with: " + command + " ("), e.getMessage());
    assertEquals(0, new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor());
    assertEquals(Optional.of(first), store.read());
  }

  private static String quoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Test
  void aCrashBeforeTheRenameLeavesTheOldStateReadable() throws IOException {
    State old = sample();
    store().write(old);
    byte[] before = Files.readAllBytes(file());
    // What a crash between "write temp file" and "rename" leaves behind: a stray temp file,
    // here even a torn one.
    Path stray = file().resolveSibling(".quickstart.state.json.123456.tmp");
    byte[] next = StateCodec.encode(old.with("x", new ResourceState("t", Map.of())));
    Files.write(stray, java.util.Arrays.copyOf(next, next.length / 2));
    assertEquals(Optional.of(old), store().read());
    assertArrayEquals(before, Files.readAllBytes(file()));
    State after = old.with("y", new ResourceState("t", Map.of()));
    store().write(after);
    assertEquals(Optional.of(after), store().read());
  }

  @Test
  void theNextLockRemovesTheTemporaryFilesOfARunThatDiedMidWrite() throws IOException {
    store().write(sample());
    Path stray = file().resolveSibling(".quickstart.state.json.98765.tmp");
    Path strayBackup = file().resolveSibling(".quickstart.state.json.backup.4321.tmp");
    Path otherState = file().resolveSibling(".other.state.json.555.tmp");
    Files.write(stray, new byte[] {'{'});
    Files.write(strayBackup, new byte[] {'{'});
    Files.write(otherState, new byte[] {'{'});
    StateStore s = store();
    LockInfo lock = s.lock("apply");
    assertTrue(Files.notExists(stray) && Files.notExists(strayBackup), "the dead run's temporary files are gone");
    assertTrue(Files.exists(otherState), "another state's files are not touched");
    s.unlock(lock);
  }

  @Test
  void writesLeaveNoTemporaryFiles() throws IOException {
    store().write(sample());
    store().write(sample().with("x", new ResourceState("t", Map.of())));
    try (Stream<Path> files = Files.list(file().getParent())) {
      assertEquals(List.of("quickstart.state.json", "quickstart.state.json.backup"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void theFileIsStablePrettyJson() throws IOException {
    store().write(sample());
    String text = Files.readString(file());
    assertTrue(text.startsWith("{\n  \"version\" : 1,\n  \"serial\" : 2,\n"), text);
    assertEquals(text, new String(StateCodec.encode(StateCodec.decode(text.getBytes(), "x"))));
  }

  @Test
  void theLockFileHoldsTheLockInfo() throws IOException {
    LockInfo lock = store().lock("apply");
    Path lockFile = dir.resolve("state/quickstart.state.json.lock");
    assertEquals(lock, StateCodec.decodeLock(Files.readAllBytes(lockFile), "lock"));
    assertEquals("tester@host", lock.who());
    assertEquals(Instant.parse("2026-11-02T10:00:00Z"), lock.created());
    store().forceUnlock(lock.id());
    assertTrue(Files.notExists(lockFile));
  }

  @Test
  void aDamagedLockFileStillBlocks() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(dir.resolve("state/quickstart.state.json.lock"), "{garbage");
    UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class, () -> store().lock("apply"));
    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
  }

  @Test
  void exactlyOneOfManyRacingRunsGetsTheLock() throws Exception {
    int runs = 8;
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Callable<Boolean> attempt = () -> {
          start.await();
          try {
            store().lock("apply");
            return true;
          } catch (UserException e) {
            return false;
          }
        };
        results.add(pool.submit(attempt));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> f : results) winners += f.get() ? 1 : 0;
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void defaultIdentityIsUserAtHost() {
    LockInfo lock = new LocalStateStore(file()).lock("plan");
    assertTrue(lock.who().startsWith(System.getProperty("user.name") + "@"), lock.who());
    assertTrue(lock.who().length() > System.getProperty("user.name").length() + 1, lock.who());
  }
}
