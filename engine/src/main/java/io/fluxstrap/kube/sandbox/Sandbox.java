package io.fluxstrap.kube.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The quickstart's local cluster: a Kubernetes API stand-in (not a real cluster: nothing runs)
 * whose objects live in {@code dir/objects.json}, saved after every write, Secrets encrypted at rest
 * with the key in {@code dir/encryption.key} (see {@link SecretEnvelope}). Namespace kube-system is
 * created once with a random uid, so the sandbox keeps one identity across runs. Simulated
 * controllers mark Deployments available and Flux objects ready (see {@link SimulatedControllers}).
 * One process at a time may change a directory; readers (plan, drift) take no lock and write nothing.
 */
public final class Sandbox implements AutoCloseable {
  private final SandboxStore store;
  private final SandboxDispatcher dispatcher;
  private final SandboxServer server;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean persist;

  private Sandbox(SandboxStore store, SandboxDispatcher dispatcher, SandboxServer server, FileChannel lockChannel,
      FileLock lock, boolean persist) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.server = server;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.persist = persist;
  }

  /**
   * Starts the sandbox stored under {@code dir} (created if missing).
   *
   * @throws SandboxInUseException when another process has the directory open
   * @throws IllegalStateException when objects.json cannot be read
   * @throws io.fluxstrap.diag.UserException when its encrypted Secrets cannot be decrypted (key missing
   *     or wrong, file changed): the message names the file and says to delete the folder
   */
  public static Sandbox open(Path dir, RevisionSource revisions) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel, dir);
      SandboxStore store = new SandboxStore(dir);
      SandboxDispatcher dispatcher = new SandboxDispatcher(true, revisions);
      dispatcher.load(store.load());
      dispatcher.onChange(() -> store.save(dispatcher.snapshot()));
      SandboxServer server = SandboxServer.start(dispatcher);
      try {
        store.save(dispatcher.snapshot());
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return new Sandbox(store, dispatcher, server, channel, lock, true);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open the sandbox in " + dir, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Starts an existing sandbox for reading (drift runs): nothing under {@code dir} is created or
   * written, not even on close, and no lock is taken, so an apply may run at the same time (every
   * save replaces objects.json by a rename: what is read is one whole version). What its simulated
   * controllers compute while serving stays in memory. A directory that holds no sandbox yet is
   * refused rather than created.
   *
   * @throws IllegalStateException when {@code dir} holds no sandbox, or objects.json cannot be read
   */
  public static Sandbox openReadOnly(Path dir, RevisionSource revisions) {
    SandboxStore store = new SandboxStore(dir);
    if (!Files.isRegularFile(store.file())) {
      throw new IllegalStateException("there is no sandbox in " + dir + " yet (apply creates it)");
    }
    return snapshot(store, revisions);
  }

  /**
   * Like {@link #openReadOnly}, for plans: a sandbox that does not exist yet is served empty (as a
   * new one would start), still without creating anything.
   */
  public static Sandbox openForPlanning(Path dir, RevisionSource revisions) {
    return snapshot(new SandboxStore(dir), revisions);
  }

  private static Sandbox snapshot(SandboxStore store, RevisionSource revisions) {
    SandboxDispatcher dispatcher = new SandboxDispatcher(true, revisions);
    dispatcher.load(store.load());
    SandboxServer server = SandboxServer.start(dispatcher);
    return new Sandbox(store, dispatcher, server, null, null, false);
  }

  private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new SandboxInUseException(dir);
    }
    return lock;
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // nothing to release beyond the channel
    }
  }

  public String url() {
    return server.url();
  }

  public Path objectsFile() {
    return store.file();
  }

  /** Saves the objects, stops the server and releases the directory. */
  @Override
  public void close() {
    try {
      server.close();
      if (persist) {
        store.save(dispatcher.snapshot());
      }
    } finally {
      try {
        if (lock != null) {
          lock.release();
        }
      } catch (IOException ignored) {
        // the channel close below releases it too
      }
      closeQuietly(lockChannel);
    }
  }

  /** Another process is using the sandbox directory. */
  public static final class SandboxInUseException extends RuntimeException {
    public SandboxInUseException(Path dir) {
      super("the sandbox in " + dir + " is in use by another fluxstrap process", null, false, false);
    }
  }
}
