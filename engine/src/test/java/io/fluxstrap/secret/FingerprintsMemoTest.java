package io.fluxstrap.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintsMemoTest {
  private static String large(char c) {
    return ("apiVersion: v1\nkind: ConfigMap # \u00e9 " + c + "\n").repeat(400);
  }

  @Test
  void aLargeTextIsDigestedOnceAndHashesAsItsBytes() {
    String text = large('a');
    String copy = new String(text.toCharArray()); // equal content, another instance
    long before = Fingerprints.LARGE_HASHED.get();
    String first = Fingerprints.sha256(text);
    assertEquals(Fingerprints.sha256(text.getBytes(StandardCharsets.UTF_8)), first);
    assertEquals(first, Fingerprints.sha256(text));
    assertEquals(first, Fingerprints.sha256(copy));
    assertEquals(before + 1, Fingerprints.LARGE_HASHED.get(), "the second and third hash came from the memo");
  }

  @Test
  void differentLargeTextsKeepTheirOwnHashes() {
    String a = large('a');
    String b = large('b');
    assertNotEquals(Fingerprints.sha256(a), Fingerprints.sha256(b));
    assertEquals(Fingerprints.sha256(b.getBytes(StandardCharsets.UTF_8)), Fingerprints.sha256(b));
  }

  @Test
  void smallTextsAreHashedDirectly() {
    assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Fingerprints.sha256("hello"));
  }
}
