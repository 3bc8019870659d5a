package io.fluxstrap.kube.sandbox;

import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that encrypts the sandbox's Secrets at rest, as an EncryptionConfiguration's aesgcm key
 * does for a real API server: 32 random bytes in {@code dir/encryption.key}, readable by its owner
 * only. Created once, on the first save of a Secret; never replaced, because the Secrets already
 * written could not be read without it.
 */
final class EncryptionKeyFile {
  static final String FILE = "encryption.key";
  static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private SecretKey key;

  EncryptionKeyFile(Path dir) {
    this.file = dir.resolve(FILE);
  }

  Path file() {
    return file;
  }

  /**
   * The key on disk, if there is one.
   *
   * @throws UserException when the file is not a key (wrong length)
   */
  synchronized Optional<SecretKey> existing() {
    if (key == null && Files.exists(file)) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      try {
        if (bytes.length != LENGTH) {
          throw new UserException(SourceRange.of(file), "not a sandbox encryption key (expected " + LENGTH
              + " bytes, found " + bytes.length + "); delete the sandbox folder " + file.getParent()
              + " to start over");
        }
        key = new SecretKeySpec(bytes, "AES");
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    return Optional.ofNullable(key);
  }

  /** The key on disk, created first when there is none. */
  synchronized SecretKey obtain() {
    Optional<SecretKey> found = existing();
    if (found.isPresent()) {
      return found.get();
    }
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    try {
      write(bytes);
      key = new SecretKeySpec(bytes, "AES");
      return key;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Through a temporary file created owner-only, so the key is never readable by others, nor half written. */
  private void write(byte[] bytes) {
    Path temp = file.resolveSibling(FILE + ".tmp");
    try {
      Files.deleteIfExists(temp); // left by a run killed mid-write: it was never used
      try {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(temp); // not a POSIX file system: the directory's own permissions apply
      }
      Files.write(temp, bytes, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(file + " appeared while the sandbox was creating it");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
