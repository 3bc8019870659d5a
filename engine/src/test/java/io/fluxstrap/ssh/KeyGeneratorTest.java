package io.fluxstrap.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.spec.KeySpec;
import io.fluxstrap.spec.KeySpec.Algorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyGeneratorTest {
  @TempDir Path dir;

  static Stream<KeySpec> specs() {
    return Stream.of(
        new KeySpec(Algorithm.RSA, 2048, null),
        new KeySpec(Algorithm.RSA, 4096, null),
        new KeySpec(Algorithm.ECDSA, 0, "p256"),
        new KeySpec(Algorithm.ECDSA, 0, "p384"),
        new KeySpec(Algorithm.ECDSA, 0, "p521"),
        new KeySpec(Algorithm.ED25519, 0, null));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void generatedKeyIsWhatOpenSshAndOpenSslRead(KeySpec spec) throws Exception {
    GeneratedKey key = generated(spec);
    String pem = key.privateKeyPem().reveal();
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "Flux writes PKCS#8 for " + spec.describe());
    assertTrue(pem.endsWith("-----END PRIVATE KEY-----\n"));
    Path file = Tools.writePrivate(dir.resolve("identity"), pem);

    // OpenSSL reads the PKCS#8 block and derives the same public key as ours.
    Path spki = dir.resolve("spki.der");
    Tools.openssl("pkey", "-in", file.toString(), "-pubout", "-outform", "DER", "-out", spki.toString());
    assertArrayEquals(key.keyPair().getPublic().getEncoded(), Files.readAllBytes(spki));

    // ssh-keygen agrees on the authorized_keys line and the fingerprint.
    Path pub = dir.resolve("identity.pub");
    Files.writeString(pub, key.publicKey() + "\n");
    assertEquals(key.fingerprint(), Tools.fingerprintField(Tools.sshKeygen("-l", "-f", pub.toString())));
    if (spec.algorithm() != Algorithm.ED25519) {
      // OpenSSH 9.2 cannot read PKCS#8 Ed25519 (Go, and so Flux, can); the others it reads.
      assertEquals(key.publicKey(), Tools.typeAndKey(Tools.sshKeygen("-y", "-f", file.toString())));
      assertEquals(
          key.fingerprint(), Tools.fingerprintField(Tools.sshKeygen("-l", "-f", file.toString())));
    }

    // Our own loader (as used by the SSH transport) reads the generated key back.
    LoadedKey loaded = KeyFiles.load(file, null);
    assertEquals(key.publicKey(), loaded.publicKey());
    assertEquals(key.fingerprint(), loaded.fingerprint());
    assertFalse(loaded.encrypted());
  }

  @Test
  void publicKeyHasTheRequestedTypeAndSize() throws Exception {
    assertTrue(generated(new KeySpec(Algorithm.RSA, 4096, null)).publicKey().startsWith("ssh-rsa "));
    String rsa = Tools.sshKeygen("-l", "-f", pubFile(generated(new KeySpec(Algorithm.RSA, 4096, null))).toString());
    assertTrue(rsa.startsWith("4096 "), rsa);
    String ec = Tools.sshKeygen("-l", "-f", pubFile(generated(new KeySpec(Algorithm.ECDSA, 0, "p521"))).toString());
    assertTrue(ec.startsWith("521 ") && ec.contains("(ECDSA)"), ec);
    assertTrue(generated(new KeySpec(Algorithm.ED25519, 0, null)).publicKey().startsWith("ssh-ed25519 "));
    assertTrue(generated(new KeySpec(Algorithm.ECDSA, 0, "p256")).publicKey().startsWith("ecdsa-sha2-nistp256 "));
  }

  @Test
  void eachCallMakesANewKey() {
    KeySpec spec = new KeySpec(Algorithm.ED25519, 0, null);
    assertNotEquals(KeyGenerator.generate(spec).fingerprint(), KeyGenerator.generate(spec).fingerprint());
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    GeneratedKey key = generated(new KeySpec(Algorithm.ECDSA, 0, "p256"));
    String body = key.publicKey().split(" ")[1];
    String privateBody = key.privateKeyPem().reveal().split("\n")[1];
    assertFalse(key.toString().contains(body.substring(20, 60)));
    assertFalse(key.toString().contains(privateBody.substring(0, 40)));
    assertTrue(key.toString().contains(key.fingerprint()));
  }

  @Test
  void rejectsBadSizesAndCurves() {
    assertThrows(IllegalArgumentException.class, () -> KeyGenerator.generate(new KeySpec(Algorithm.RSA, 1020, null)));
    assertThrows(IllegalArgumentException.class, () -> KeyGenerator.generate(new KeySpec(Algorithm.RSA, 2047, null)));
    assertThrows(IllegalArgumentException.class, () -> KeyGenerator.generate(new KeySpec(Algorithm.ECDSA, 0, "p224")));
  }

  @Test
  void ecdsaPemCarriesThePublicPointLikeGo() throws Exception {
    GeneratedKey key = generated(new KeySpec(Algorithm.ECDSA, 0, "p384"));
    Path file = Tools.writePrivate(dir.resolve("ec"), key.privateKeyPem().reveal());
    String text = Tools.openssl("pkey", "-in", file.toString(), "-noout", "-text");
    assertTrue(text.contains("pub:"), text);
    String asn1 = Tools.openssl("asn1parse", "-in", file.toString());
    assertTrue(asn1.contains("secp384r1"), asn1);
    assertFalse(Base64.getDecoder().decode(key.publicKey().split(" ")[1]).length == 0);
  }

  private Path pubFile(GeneratedKey key) throws Exception {
    Path pub = Files.createTempFile(dir, "k", ".pub");
    Files.writeString(pub, key.publicKey() + "\n");
    return pub;
  }

  /** RSA 4096 takes seconds: made once for the whole class. */
  private static GeneratedKey rsa4096;

  static synchronized GeneratedKey generated(KeySpec spec) {
    if (spec.algorithm() == Algorithm.RSA && spec.rsaBits() == 4096) {
      if (rsa4096 == null) {
        rsa4096 = KeyGenerator.generate(spec);
      }
      return rsa4096;
    }
    return KeyGenerator.generate(spec);
  }
}
