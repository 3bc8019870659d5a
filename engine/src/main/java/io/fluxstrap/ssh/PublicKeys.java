package io.fluxstrap.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** SSH public key lines ({@code authorized_keys} form) and their SHA256 fingerprints. */
public final class PublicKeys {
  private PublicKeys() {}

  /** {@code "ssh-ed25519 AAAA..."}: key type and base64 blob, no comment, no newline. */
  public static String authorizedKeysLine(PublicKey key) {
    Crypto.requireBouncyCastle();
    try {
      return PublicKeyEntry.toString(key).trim();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
    }
  }

  /** {@code "SHA256:<base64 without padding>"}, as {@code ssh-keygen -l} prints it. */
  public static String fingerprint(PublicKey key) {
    return fingerprintOfBlob(blobOf(authorizedKeysLine(key)));
  }

  /**
   * The fingerprint of an {@code authorized_keys}-style line ({@code type base64 [comment]}).
   *
   * @throws IllegalArgumentException if the line is not an SSH public key
   */
  public static String fingerprintOfLine(String authorizedKeysLine) {
    byte[] blob = blobOf(authorizedKeysLine);
    Crypto.requireBouncyCastle();
    try {
      PublicKeyEntry.parsePublicKeyEntry(authorizedKeysLine.trim())
          .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    } catch (Exception e) {
      throw new IllegalArgumentException("not an SSH public key (unknown or damaged key)");
    }
    return fingerprintOfBlob(blob);
  }

  /** {@code ssh-rsa}, {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256} (384, 521). */
  public static String keyType(PublicKey key) {
    Crypto.requireBouncyCastle();
    String type = KeyUtils.getKeyType(key);
    if (type == null) {
      throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
    }
    return type;
  }

  /** The key blob of a {@code type base64 [comment]} line, checked to carry that type. */
  static byte[] blobOf(String line) {
    if (line == null) {
      throw new IllegalArgumentException("not an SSH public key (empty)");
    }
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 2) {
      throw new IllegalArgumentException("not an SSH public key (expected 'type base64')");
    }
    return checkedBlob(fields[0], fields[1]);
  }

  static byte[] checkedBlob(String keyType, String base64) {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an SSH public key (the key is not base64)");
    }
    String inner = blobType(blob);
    if (!keyType.equals(inner)) {
      throw new IllegalArgumentException(
          "not an SSH public key (type " + keyType + " does not match the key data)");
    }
    return blob;
  }

  static String fingerprintOfBlob(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The SSH wire-format key blob starts with its type as a length-prefixed string. */
  private static String blobType(byte[] blob) {
    if (blob.length < 4) {
      return null;
    }
    long len =
        ((blob[0] & 0xFFL) << 24) | ((blob[1] & 0xFF) << 16) | ((blob[2] & 0xFF) << 8) | (blob[3] & 0xFF);
    if (len <= 0 || len > 64 || 4 + len > blob.length) {
      return null;
    }
    return new String(blob, 4, (int) len, StandardCharsets.US_ASCII);
  }
}
