package io.fluxstrap.ssh;

import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.KeySpec;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Generates SSH keys as the Flux CLI does ({@code fluxcd/pkg/ssh}): RSA of the given size, ECDSA
 * on P-256/P-384/P-521, or Ed25519; the private key as PKCS#8 PEM and the public key as an
 * {@code authorized_keys} line without comment. Every call makes a new key: callers decide when
 * a key must be kept (never regenerate one the cluster Secret already holds).
 */
public final class KeyGenerator {
  private KeyGenerator() {}

  /**
   * @throws IllegalArgumentException for RSA bits not a multiple of 8 or below 1024, or an
   *     unknown ECDSA curve (the spec validator reports these to the user first)
   */
  public static GeneratedKey generate(KeySpec spec) {
    Crypto.requireBouncyCastle();
    KeyPair pair = newKeyPair(spec);
    String publicKey = PublicKeys.authorizedKeysLine(pair.getPublic());
    return new GeneratedKey(
        pair,
        Sensitive.of(PrivateKeyPem.pkcs8(pair)),
        publicKey,
        PublicKeys.fingerprintOfLine(publicKey));
  }

  private static KeyPair newKeyPair(KeySpec spec) {
    try {
      switch (spec.algorithm()) {
        case RSA:
          int bits = spec.rsaBits();
          if (bits < 1024 || bits % 8 != 0) {
            throw new IllegalArgumentException(
                "RSA key size must be a multiple of 8 and at least 1024, got " + bits);
          }
          return KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, bits);
        case ECDSA:
          int curveBits = curveBits(spec.ecdsaCurve());
          return KeyUtils.generateKeyPair("ecdsa-sha2-nistp" + curveBits, curveBits);
        default:
          return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + spec.describe() + " key", e);
    }
  }

  private static int curveBits(String curve) {
    if (curve == null) {
      throw new IllegalArgumentException("ECDSA curve is missing (p256, p384 or p521)");
    }
    switch (curve) {
      case "p256":
        return 256;
      case "p384":
        return 384;
      case "p521":
        return 521;
      default:
        throw new IllegalArgumentException(
            "unknown ECDSA curve " + curve + " (expected p256, p384 or p521)");
    }
  }
}
