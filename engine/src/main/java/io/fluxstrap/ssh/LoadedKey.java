package io.fluxstrap.ssh;

import io.fluxstrap.secret.Sensitive;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Objects;

/**
 * An existing private key file, read and (when encrypted) decrypted.
 *
 * @param file the file as given
 * @param keyPair the decrypted keys, usable with MINA sshd
 * @param fileContent the file's bytes as given (what goes into Secret key {@code identity}; still
 *     encrypted when the file is)
 * @param encrypted whether the file needed a passphrase
 * @param keyType {@code ssh-rsa}, {@code ssh-ed25519} or {@code ecdsa-sha2-nistp256/384/521}
 * @param publicKey the {@code authorized_keys} line, without comment
 * @param fingerprint {@code "SHA256:..."}
 */
public record LoadedKey(
    Path file,
    KeyPair keyPair,
    Sensitive fileContent,
    boolean encrypted,
    String keyType,
    String publicKey,
    String fingerprint) {
  public LoadedKey {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(fileContent, "fileContent");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  @Override
  public String toString() {
    return "LoadedKey[" + file + " " + keyType + " " + fingerprint
        + (encrypted ? " encrypted" : "") + "]";
  }
}
