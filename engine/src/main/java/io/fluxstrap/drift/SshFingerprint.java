package io.fluxstrap.drift;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** OpenSSH's {@code SHA256:} fingerprint of a public key line ({@code ssh-rsa AAAA... comment}): public data. */
final class SshFingerprint {
  private SshFingerprint() {}

  /** The fingerprint, or null when the line is not a public key. */
  static String of(String publicKeyLine) {
    if (publicKeyLine == null) return null;
    String[] fields = publicKeyLine.strip().split("\\s+");
    if (fields.length < 2) return null;
    try {
      byte[] blob = Base64.getDecoder().decode(fields[1]);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (IllegalArgumentException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
