package io.fluxstrap.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The whole contract again with encryption at rest: sealing changes none of the store's rules. */
class EncryptedLocalStateStoreTest extends StateStoreContract {
  private static final StateEncryption KEY = StateEncryption.withKey(StateEncryptionTest.KEY, "FLUXSTRAP_STATE_KEY");
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("fleet.state.json");
  }

  @Override
  protected StateStore store() {
    return new LocalStateStore(file(), "tester@host", Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC), KEY);
  }

  @Override
  protected void putRaw(byte[] bytes) {
    try {
      Files.write(file(), KEY.seal(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The backup as the contract compares it: opened with the key (it is sealed on disk). */
  @Override
  protected Optional<byte[]> backupRaw() {
    Path backup = dir.resolve("fleet.state.json.backup");
    try {
      if (!Files.exists(backup)) return Optional.empty();
      byte[] stored = Files.readAllBytes(backup);
      if (!StateEncryption.sealed(stored)) throw new AssertionError("the backup is not encrypted");
      return Optional.of(KEY.open(stored, "backup"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
