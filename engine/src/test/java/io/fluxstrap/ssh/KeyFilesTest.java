package io.fluxstrap.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.secret.Sensitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys made by the real ssh-keygen, read back by {@link KeyFiles}. */
class KeyFilesTest {
  private static final String PASS = "correct horse 7";

  @TempDir static Path dir;

  /** One key made by ssh-keygen: its file, whether encrypted, the type we must report. */
  record Made(String name, Path file, boolean encrypted, String keyType) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Made> MADE = new ArrayList<>();

  @BeforeAll
  static void makeKeys() {
    make("rsa-openssh", "ssh-rsa", false, "-t", "rsa", "-b", "2048");
    make("rsa-pem", "ssh-rsa", false, "-t", "rsa", "-b", "2048", "-m", "PEM");
    make("rsa-openssh-enc", "ssh-rsa", true, "-t", "rsa", "-b", "2048");
    make("rsa-pem-enc", "ssh-rsa", true, "-t", "rsa", "-b", "2048", "-m", "PEM");
    make("rsa-pkcs8-enc", "ssh-rsa", true, "-t", "rsa", "-b", "2048", "-m", "PKCS8");
    make("ecdsa256-openssh", "ecdsa-sha2-nistp256", false, "-t", "ecdsa", "-b", "256");
    make("ecdsa384-pem", "ecdsa-sha2-nistp384", false, "-t", "ecdsa", "-b", "384", "-m", "PEM");
    make("ecdsa521-pem-enc", "ecdsa-sha2-nistp521", true, "-t", "ecdsa", "-b", "521", "-m", "PEM");
    make("ecdsa384-openssh-enc", "ecdsa-sha2-nistp384", true, "-t", "ecdsa", "-b", "384");
    make("ed25519-openssh", "ssh-ed25519", false, "-t", "ed25519");
    make("ed25519-openssh-enc", "ssh-ed25519", true, "-t", "ed25519");
  }

  private static void make(String name, String type, boolean encrypted, String... args) {
    Path file = dir.resolve(name);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-q", "-C", "test@" + name, "-N", encrypted ? PASS : "", "-f", file.toString()));
    Tools.sshKeygen(all.toArray(String[]::new));
    MADE.add(new Made(name, file, encrypted, type));
  }

  static Stream<Made> made() {
    return MADE.stream();
  }

  @ParameterizedTest
  @MethodSource("made")
  void loadsWhatSshKeygenMade(Made k) throws Exception {
    assertEquals(k.encrypted(), KeyFiles.isEncrypted(k.file()));
    LoadedKey key = KeyFiles.load(k.file(), k.encrypted() ? Sensitive.of(PASS) : null);
    // ssh-keygen -y on an encrypted key needs the passphrase; its .pub holds the same key.
    String expectedLine = Tools.typeAndKey(Files.readString(Path.of(k.file() + ".pub")));
    if (!k.encrypted()) {
      expectedLine = Tools.typeAndKey(Tools.sshKeygen("-y", "-f", k.file().toString()));
    } else {
      assertEquals(expectedLine, Tools.typeAndKey(Tools.sshKeygen("-y", "-P", PASS, "-f", k.file().toString())));
    }
    assertEquals(expectedLine, key.publicKey());
    assertEquals(
        Tools.fingerprintField(Tools.sshKeygen("-l", "-f", k.file() + ".pub")), key.fingerprint());
    assertEquals(k.keyType(), key.keyType());
    assertEquals(k.encrypted(), key.encrypted());
    assertArrayEquals(Files.readAllBytes(k.file()), key.fileContent().bytes());
    assertEquals(k.file(), key.file());
    assertEquals(key.publicKey(), PublicKeys.authorizedKeysLine(key.keyPair().getPublic()));
    assertFalse(key.toString().contains(key.publicKey().split(" ")[1].substring(10, 50)));
  }

  @ParameterizedTest
  @MethodSource("made")
  void encryptedKeysRefuseAWrongOrMissingPassphrase(Made k) {
    if (!k.encrypted()) {
      // A passphrase given for a plain key is ignored.
      assertEquals(k.keyType(), KeyFiles.load(k.file(), Sensitive.of("unused")).keyType());
      return;
    }
    UserException wrong =
        assertThrows(UserException.class, () -> KeyFiles.load(k.file(), Sensitive.of("not-" + PASS)));
    assertEquals("wrong passphrase for " + k.file(), wrong.getMessage());
    UserException missing = assertThrows(UserException.class, () -> KeyFiles.load(k.file(), null));
    assertTrue(missing.getMessage().contains(k.file().toString()), missing.getMessage());
    assertTrue(missing.getMessage().contains("passphrase"), missing.getMessage());
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope");
    assertError(file, () -> KeyFiles.load(file, null), "no such file");
    assertError(file, () -> KeyFiles.isEncrypted(file), "no such file");
  }

  @Test
  void directoryIsNotAKeyFile() {
    assertError(dir, () -> KeyFiles.load(dir, null), "is not a file");
  }

  @Test
  void fileOthersCanReadIsRefusedLikeOpenSsh() throws Exception {
    Path file = dir.resolve("open");
    Files.copy(MADE.get(0).file(), file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    String msg = assertError(file, () -> KeyFiles.load(file, null), "chmod 600 " + file);
    assertTrue(msg.contains("unprotected private key file"), msg);
    assertError(file, () -> KeyFiles.isEncrypted(file), "chmod 600 " + file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertError(file, () -> KeyFiles.load(file, null), "chmod 600 " + file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertEquals("ssh-rsa", KeyFiles.load(file, null).keyType());
  }

  @Test
  void publicKeyGivenInsteadOfPrivate() throws Exception {
    Path pub = Path.of(MADE.get(0).file() + ".pub");
    Files.setPosixFilePermissions(pub, PosixFilePermissions.fromString("rw-------"));
    String msg = assertError(pub, () -> KeyFiles.load(pub, null), "is a public key");
    assertTrue(msg.contains("without .pub: " + MADE.get(0).file()), msg);
    assertError(pub, () -> KeyFiles.isEncrypted(pub), "is a public key");
    Path pem = Tools.writePrivate(dir.resolve("spki"), Tools.openssl("pkey", "-in", MADE.get(1).file().toString(), "-pubout"));
    assertError(pem, () -> KeyFiles.load(pem, null), "is a public key");
  }

  @Test
  void notAKeyAtAll() throws Exception {
    Path text = Tools.writePrivate(dir.resolve("notes.txt"), "hello\nworld\n");
    assertError(text, () -> KeyFiles.load(text, null), "is not an SSH private key");
    Path cert = Tools.writePrivate(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    assertError(cert, () -> KeyFiles.isEncrypted(cert), "is not an SSH private key");
    // A key header over damaged content: still no parser message leaks out.
    String good = Files.readString(MADE.get(1).file());
    String damaged = good.substring(0, 200) + good.substring(260);
    Path broken = Tools.writePrivate(dir.resolve("broken"), damaged);
    String msg = assertError(broken, () -> KeyFiles.load(broken, null), "is not a valid SSH private key");
    assertFalse(msg.contains(good.split("\n")[1].substring(0, 30)), msg);
  }

  @Test
  void unsupportedKeyType() throws Exception {
    Path dsa = dir.resolve("dsa.pem");
    Tools.openssl("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", dir.resolve("dsaparam").toString());
    Tools.openssl("genpkey", "-paramfile", dir.resolve("dsaparam").toString(), "-out", dsa.toString());
    Files.setPosixFilePermissions(dsa, PosixFilePermissions.fromString("rw-------"));
    // openssl writes PKCS#8; the type shows only after parsing.
    assertError(dsa, () -> KeyFiles.load(dsa, null), "unsupported key type");
    Path legacy = Tools.writePrivate(dir.resolve("dsa-legacy"), "-----BEGIN DSA PRIVATE KEY-----\nMIIB\n-----END DSA PRIVATE KEY-----\n");
    assertError(legacy, () -> KeyFiles.load(legacy, null), "unsupported key type ssh-dss");
  }

  @Test
  void messagesNeverContainThePassphrase() {
    Made enc = MADE.stream().filter(Made::encrypted).findFirst().orElseThrow();
    String secret = "s3cr3t-passphrase-xyz";
    UserException e = assertThrows(UserException.class, () -> KeyFiles.load(enc.file(), Sensitive.of(secret)));
    assertFalse(e.getMessage().contains(secret));
    assertEquals(null, e.getCause());
  }

  private static String assertError(Path file, org.junit.jupiter.api.function.Executable call, String expected) {
    UserException e = assertThrows(UserException.class, call);
    String msg = e.getMessage();
    assertTrue(msg.contains(file.toString()), "names the file: " + msg);
    assertTrue(msg.contains(expected), "says '" + expected + "': " + msg);
    assertFalse(msg.contains("BEGIN"), msg);
    return msg;
  }
}
