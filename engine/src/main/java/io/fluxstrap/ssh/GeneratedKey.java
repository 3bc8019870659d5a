package io.fluxstrap.ssh;

import io.fluxstrap.secret.Sensitive;
import java.security.KeyPair;
import java.util.Objects;

/**
 * A freshly generated key pair.
 *
 * @param keyPair the keys, usable with MINA sshd (Ed25519 keys are BouncyCastle's)
 * @param privateKeyPem what Flux's own generator writes into Secret key {@code identity}: an
 *     unencrypted PKCS#8 PEM block ({@code -----BEGIN PRIVATE KEY-----}) for every algorithm
 * @param publicKey the {@code authorized_keys} line, {@code "ssh-rsa AAAA..."}, without comment
 * @param fingerprint {@code "SHA256:..."} as {@code ssh-keygen -l} prints it
 */
public record GeneratedKey(
    KeyPair keyPair, Sensitive privateKeyPem, String publicKey, String fingerprint) {
  public GeneratedKey {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  @Override
  public String toString() {
    return "GeneratedKey[" + publicKey.substring(0, publicKey.indexOf(' ')) + " " + fingerprint + "]";
  }
}
