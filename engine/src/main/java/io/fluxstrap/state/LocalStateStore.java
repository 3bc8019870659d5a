package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State in a local JSON file, e.g. {@code state/quickstart.state.json}, with its previous version
 * in {@code <file>.backup} and, while a run holds it, a lock in {@code <file>.lock}.
 *
 * <p>A write never leaves a torn file: the new bytes go to a temporary file in the same folder,
 * are flushed to disk, and replace the old file by an atomic rename. A crash at any point leaves
 * either the old or the new state readable (and at worst a stray temporary file, which is never
 * read). Every write happens under the lock, so the run that takes the lock next removes the
 * temporary files of this state that a dead run left ({@code .<file>.<n>.tmp}, also those of the
 * backup). The lock is a file created exclusively ({@code CREATE_NEW}), so two runs on one machine
 * or a shared file system cannot both hold it.
 */
public final class LocalStateStore implements StateStore {
  private final Path file;
  private final Path backup;
  private final Path lockFile;
  private final String who;
  private final Clock clock;
  private final StateEncryption encryption;
  /** Ids of the locks this instance took: a write is refused while anyone else holds the lock. */
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  /** Locks under which the backup was already written: one backup per run, the state before it. */
  private final Set<String> backedUp = ConcurrentHashMap.newKeySet();
  /** The lock file as last read and what it said: every write checks the lock is still this run's. */
  private volatile ReadLock lastLock;

  private record ReadLock(byte[] bytes, LockInfo lock) {}
  /** What this instance last wrote, so the next write under the lock need not decode it again. */
  private byte[] lastBytes;
  private State lastState;
  /**
   * For the crash-injection test only: with system property {@value #PAUSE_PROPERTY} set to N, the
   * Nth state write of this process waits after writing its temporary file and before the rename,
   * so that the test can kill the process in the middle of a write. Unset in normal use.
   */
  static final String PAUSE_PROPERTY = "fluxstrap.crashtest.pauseInStateWrite";
  private static final java.util.concurrent.atomic.AtomicInteger WRITES = new java.util.concurrent.atomic.AtomicInteger();

  public LocalStateStore(Path file, String who, Clock clock) {
    this(file, who, clock, StateEncryption.none());
  }

  /** A store that seals what it writes with {@code encryption} (and reads sealed or plain state). */
  public LocalStateStore(Path file, String who, Clock clock, StateEncryption encryption) {
    this.encryption = encryption;
    this.file = file.toAbsolutePath().normalize();
    this.backup = sibling(".backup");
    this.lockFile = sibling(".lock");
    this.who = who;
    this.clock = clock;
  }

  /** A store whose locks name the current {@code user@host}. */
  public LocalStateStore(Path file) {
    this(file, System.getProperty("user.name", "unknown") + "@" + hostName(), Clock.systemUTC());
  }

  public Path file() {
    return file;
  }

  public Path backupFile() {
    return backup;
  }

  public Path lockFile() {
    return lockFile;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  private String what() {
    return "state file " + file;
  }

  @Override
  public Optional<State> read() {
    return readBytes(file).map(this::decode);
  }

  /** The stored state; when it cannot be read, says which file to restore and how. */
  private State decode(byte[] bytes) {
    try {
      return StateCodec.decode(encryption.open(bytes, what()), what());
    } catch (StateCodec.MalformedState e) {
      throw new UserException(e.getMessage() + "; " + restoreAdvice());
    }
  }

  private String restoreAdvice() {
    if (!Files.isRegularFile(backup)) {
      return "there is no backup (" + backup.getFileName() + ") to restore: fix the file, restore it from where you keep copies,"
          + " or move it aside and run `fluxstrap import` to record what is live";
    }
    return "the previous version is in " + backup + "; check it, then restore it with: cp " + shellQuote(backup) + " " + shellQuote(file)
        + " (then run plan: what the last run recorded may show as changes again)";
  }

  private static String shellQuote(Path p) {
    String s = p.toString();
    return s.matches("[A-Za-z0-9_./@%+=:,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * {@inheritDoc} Under a lock, the backup is the state as it was before the lock's first write
   * (Terraform's {@code .backup}: the state before this run), written once per run; without a
   * lock, every write keeps the version it replaces.
   */
  @Override
  public synchronized void write(State next) {
    put(next, StateCodec.encode(next), false);
  }

  @Override
  public synchronized void markMigrated(State current, String destination) {
    State marker = new State(current.version(), current.serial() + 1, current.lineage(), current.writer(), current.resources());
    put(marker, StateCodec.encodeMigrated(marker, destination), true); // the last real version stays as the backup
  }

  /** {@code backupAlways}: keep what is replaced even when this run already wrote its backup. */
  private void put(State next, byte[] encoded, boolean backupAlways) {
    Optional<LockInfo> lock = currentLock();
    if (lock.isPresent() && !held.contains(lock.get().id())) throw lockedBy(lock.get());
    Optional<byte[]> previous = readBytes(file);
    State stored = previous.map(b -> java.util.Arrays.equals(b, lastBytes) ? lastState : decode(b)).orElse(null);
    StateCodec.checkSuccessor(stored, next, what());
    try {
      Files.createDirectories(file.getParent());
      // The backup is written (atomically) before the state is replaced, so a crash in between
      // leaves state and backup equal, never a state without its predecessor.
      boolean firstOfRun = lock.isEmpty() || backedUp.add(lock.get().id());
      if (previous.isPresent() && (firstOfRun || backupAlways)) replace(backup, previous.get());
      byte[] bytes = encryption.seal(encoded);
      replace(file, bytes);
      lastBytes = bytes;
      lastState = next;
    } catch (IOException e) {
      throw new UserException("cannot write " + what() + ": " + e.getMessage());
    }
  }

  @Override
  public LockInfo lock(String operation) {
    LockInfo lock = new LockInfo(UUID.randomUUID().toString(), who, operation, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(StateCodec.encodeLock(lock)));
        ch.force(true);
      }
    } catch (FileAlreadyExistsException e) {
      throw currentLock().map(this::lockedBy).orElseGet(() -> new UserException(
          "state was locked and unlocked by another run just now (" + lockFile + "); try again"));
    } catch (IOException e) {
      throw new UserException("cannot create the state lock " + lockFile + ": " + e.getMessage());
    }
    held.add(lock.id());
    syncFolder();
    removeStrayTemporaryFiles();
    return lock;
  }

  @Override
  public void unlock(LockInfo lock) {
    Optional<LockInfo> current = currentLock();
    held.remove(lock.id());
    backedUp.remove(lock.id());
    if (current.isEmpty()) return; // already gone (force-unlocked): nothing of ours to remove
    if (!current.get().id().equals(lock.id())) {
      throw new UserException("cannot unlock " + describe() + ": the lock is now held by " + current.get().who()
          + " (lock ID " + current.get().id() + "), not by lock ID " + lock.id());
    }
    delete(lockFile);
  }

  @Override
  public void forceUnlock(String id) {
    LockInfo current = currentLock().orElseThrow(() -> new UserException("state " + describe() + " is not locked"));
    if (!current.id().equals(id)) {
      throw new UserException("lock ID " + id + " does not match the lock on " + describe() + " (lock ID "
          + current.id() + ", held by " + current.who() + " for " + current.operation() + ")");
    }
    delete(lockFile);
  }

  /** The lock as recorded in the lock file; an unreadable lock file still counts as a lock. */
  @Override
  public Optional<LockInfo> currentLock() {
    Optional<byte[]> bytes = readBytes(lockFile);
    if (bytes.isEmpty()) return Optional.empty();
    if (bytes.get().length == 0) {
      // CREATE_NEW succeeded for another run, which has not written its details yet.
      throw new UserException("state is being locked by another run right now (" + lockFile + "); try again");
    }
    try {
      ReadLock known = lastLock;
      if (known != null && java.util.Arrays.equals(bytes.get(), known.bytes())) return Optional.of(known.lock()); // read on every write
      LockInfo lock = StateCodec.decodeLock(bytes.get(), "lock file " + lockFile);
      lastLock = new ReadLock(bytes.get(), lock);
      return Optional.of(lock);
    } catch (UserException e) {
      throw new UserException("state is locked, but its lock file " + lockFile
          + " cannot be read; if no run is active, delete that file");
    }
  }

  private UserException lockedBy(LockInfo l) {
    return new UserException("state is locked by " + l.who() + " since " + l.created() + " for " + l.operation()
        + " (lock ID " + l.id() + "); if that run is dead, run: fluxstrap force-unlock " + l.id());
  }

  /**
   * Removes the temporary files of this state and its backup: only a run holding the lock writes,
   * and this run just took it, so any that exist were left by a run that died mid-write.
   */
  private void removeStrayTemporaryFiles() {
    String state = "." + file.getFileName() + ".";
    String backupPrefix = "." + backup.getFileName() + ".";
    try (java.util.stream.Stream<Path> siblings = Files.list(file.getParent())) {
      for (Path p : siblings.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tmp") && (name.startsWith(state) || name.startsWith(backupPrefix))) delete(p);
      }
    } catch (NoSuchFileException e) {
      // no folder yet: nothing was ever written
    } catch (IOException e) {
      throw new UserException("cannot list " + file.getParent() + ": " + e.getMessage());
    }
  }

  /** Writes {@code target} through a flushed temporary file in the same folder and an atomic rename. */
  private void replace(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      if (target.equals(file)) pauseForCrashTest();
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncFolder();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void pauseForCrashTest() {
    String n = System.getProperty(PAUSE_PROPERTY);
    if (n == null || WRITES.incrementAndGet() != Integer.parseInt(n)) return;
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes a rename durable; not every platform can open a folder for that, which is then accepted. */
  private void syncFolder() {
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort: the rename itself is still atomic
    }
  }

  private static Optional<byte[]> readBytes(Path p) {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UserException("cannot read " + p + ": " + e.getMessage());
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UserException("cannot remove " + p + ": " + e.getMessage());
    }
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) return env;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
