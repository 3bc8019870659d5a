package io.fluxstrap.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.spec.KeySpec;
import io.fluxstrap.spec.KeySpec.Algorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {
  @TempDir Path dir;

  private static GeneratedKey ed;
  private static GeneratedKey ec;

  @BeforeAll
  static void keys() {
    ed = KeyGenerator.generate(new KeySpec(Algorithm.ED25519, 0, null));
    ec = KeyGenerator.generate(new KeySpec(Algorithm.ECDSA, 0, "p256"));
  }

  private static String text() {
    return "# pinned by hand\n"
        + "\n"
        + "git.example.com " + ed.publicKey() + " a comment\n"
        + "[git.example.com]:2222 " + ec.publicKey() + "\r\n"
        + "alpha.example.com,10.0.0.7,[beta.example.com]:2200 " + ed.publicKey() + "\n"
        + "*.corp.example.com,!bad.corp.example.com " + ec.publicKey() + "\n";
  }

  @Test
  void parsesFormatsAndParsesAgainToTheSame() {
    List<HostKey> keys = KnownHosts.parse(text());
    assertEquals(4, keys.size());
    assertEquals("git.example.com", keys.get(0).hosts());
    assertEquals("ssh-ed25519", keys.get(0).keyType());
    assertEquals(ed.publicKey().split(" ")[1], keys.get(0).base64());
    assertEquals("[git.example.com]:2222", keys.get(1).hosts());
    String formatted = KnownHosts.format(keys);
    assertTrue(formatted.endsWith("\n"));
    assertEquals(4, formatted.lines().count());
    assertEquals(keys, KnownHosts.parse(formatted));
    assertEquals(formatted, KnownHosts.format(KnownHosts.parse(formatted)));
    assertEquals("", KnownHosts.format(List.of()));
  }

  @Test
  void matchesByOpenSshRules() {
    List<HostKey> k = KnownHosts.parse(text());
    assertTrue(k.get(0).matches("git.example.com", 22));
    assertTrue(k.get(0).matches("GIT.example.com", 22));
    assertFalse(k.get(0).matches("git.example.com", 2222));
    assertFalse(k.get(0).matches("other.example.com", 22));
    assertTrue(k.get(1).matches("git.example.com", 2222));
    assertFalse(k.get(1).matches("git.example.com", 22));
    assertTrue(k.get(2).matches("alpha.example.com", 22));
    assertTrue(k.get(2).matches("10.0.0.7", 22));
    assertTrue(k.get(2).matches("beta.example.com", 2200));
    assertFalse(k.get(2).matches("beta.example.com", 22));
    assertTrue(k.get(3).matches("build.corp.example.com", 22));
    assertFalse(k.get(3).matches("bad.corp.example.com", 22));
    assertFalse(k.get(3).matches("corp.example.com", 22));
  }

  @Test
  void hashedEntriesFromSshKeygenMatch() throws Exception {
    Path file = dir.resolve("known_hosts");
    Files.writeString(file, text());
    Tools.sshKeygen("-H", "-f", file.toString());
    List<HostKey> hashed = KnownHosts.parse(Files.readString(file));
    // ssh-keygen -H hashes each name of a list separately and leaves wildcard lines as they are.
    assertEquals(6, hashed.size());
    assertEquals(5, hashed.stream().filter(h -> h.hosts().startsWith("|1|")).count());
    assertTrue(hashed.get(5).matches("build.corp.example.com", 22));
    assertTrue(hashed.stream().anyMatch(h -> h.matches("git.example.com", 22) && h.keyType().equals("ssh-ed25519")));
    assertTrue(hashed.stream().anyMatch(h -> h.matches("git.example.com", 2222) && h.keyType().startsWith("ecdsa")));
    assertTrue(hashed.stream().anyMatch(h -> h.matches("10.0.0.7", 22)));
    assertTrue(hashed.stream().anyMatch(h -> h.matches("beta.example.com", 2200)));
    assertFalse(hashed.stream().anyMatch(h -> h.matches("beta.example.com", 22)));
    assertFalse(hashed.stream().anyMatch(h -> h.matches("gitx.example.com", 22)));
    // What ssh-keygen -F finds is what we match.
    String found = Tools.sshKeygen("-F", "[git.example.com]:2222", "-f", file.toString());
    assertTrue(found.contains(ec.publicKey().split(" ")[1]), found);
  }

  @Test
  void fingerprintsEqualSshKeygens() throws Exception {
    Path file = dir.resolve("known_hosts");
    List<HostKey> keys = KnownHosts.parse(text());
    Files.writeString(file, KnownHosts.format(keys));
    List<String> lines = Tools.sshKeygen("-l", "-f", file.toString()).lines().toList();
    assertEquals(keys.size(), lines.size());
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(Tools.fingerprintField(lines.get(i)), keys.get(i).fingerprint());
    }
    assertEquals(ed.fingerprint(), keys.get(0).fingerprint());
  }

  @Test
  void ofUsesBracketsOnlyForOtherPorts() {
    HostKey plain = HostKey.of("Git.Example.com", 22, ed.keyPair().getPublic());
    assertEquals("git.example.com " + ed.publicKey(), plain.line());
    HostKey other = HostKey.of("127.0.0.1", 2022, ec.keyPair().getPublic());
    assertEquals("[127.0.0.1]:2022 " + ec.publicKey(), other.line());
    assertTrue(other.matches("127.0.0.1", 2022));
    assertEquals(ec.fingerprint(), other.fingerprint());
  }

  @Test
  void badLinesNameTheirNumber() {
    assertMessage("line 2: expected 'hosts keytype key'", "# c\nhost ssh-rsa\n");
    assertMessage("line 1: not an SSH public key (the key is not base64)", "host ssh-ed25519 !!!notbase64\n");
    String edBase64 = ed.publicKey().split(" ")[1];
    assertMessage(
        "line 3: not an SSH public key (type ssh-rsa does not match the key data)",
        "\n\nhost ssh-rsa " + edBase64 + "\n");
    assertMessage(
        "line 1: markers such as @cert-authority and @revoked are not supported",
        "@revoked host " + ed.publicKey() + "\n");
  }

  @Test
  void fingerprintOfLineRejectsNonKeys() {
    assertEquals(ed.fingerprint(), PublicKeys.fingerprintOfLine(ed.publicKey() + " user@host"));
    assertThrows(IllegalArgumentException.class, () -> PublicKeys.fingerprintOfLine("hello"));
    assertThrows(IllegalArgumentException.class, () -> PublicKeys.fingerprintOfLine("ssh-rsa AAAA"));
    String edBase64 = ed.publicKey().split(" ")[1];
    assertThrows(IllegalArgumentException.class, () -> PublicKeys.fingerprintOfLine("ssh-rsa " + edBase64));
  }

  private static void assertMessage(String expected, String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnownHosts.parse(text));
    assertEquals(expected, e.getMessage());
  }
}
