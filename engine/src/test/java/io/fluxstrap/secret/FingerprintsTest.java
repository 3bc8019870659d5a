package io.fluxstrap.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The HMAC written over MessageDigest (to spare the JCE's set-up) is the JDK's HMAC-SHA256. */
class FingerprintsTest {
  @Test
  void hmacMatchesTheJdkForKeysAndMessagesOfEverySize() throws Exception {
    Random random = new Random(13);
    // key lengths around the 64-byte block (longer keys are hashed first), messages in 0-3 parts
    for (int keyLength : new int[] {1, 20, 63, 64, 65, 100, 200}) {
      for (int round = 0; round < 10; round++) {
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        Fingerprints.Hmac ours = new Fingerprints.Hmac(key);
        for (int part = random.nextInt(4); part > 0; part--) {
          byte[] bytes = new byte[random.nextInt(300)];
          random.nextBytes(bytes);
          ours.update(bytes);
          jdk.update(bytes);
        }
        assertArrayEquals(jdk.doFinal(), ours.doFinal(), "key length " + keyLength);
      }
    }
  }

  @Test
  void rfc4231TestCaseTwo() {
    Fingerprints.Hmac mac = new Fingerprints.Hmac("Jefe".getBytes(StandardCharsets.UTF_8));
    mac.update("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(mac.doFinal()));
  }

  @Test
  void secretDataIsTheHmacOfTheLengthPrefixedSortedEntriesUnderTheLineage() throws Exception {
    Map<String, byte[]> data = new LinkedHashMap<>();
    data.put("username", "git".getBytes(StandardCharsets.UTF_8));
    data.put("password", "s3cret".getBytes(StandardCharsets.UTF_8));
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec("fluxstrap:lineage-1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    for (String key : new String[] {"password", "username"}) {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      jdk.update(new byte[] {0, 0, 0, (byte) k.length});
      jdk.update(k);
      jdk.update(new byte[] {0, 0, 0, (byte) data.get(key).length});
      jdk.update(data.get(key));
    }
    assertEquals("hmac-sha256:" + HexFormat.of().formatHex(jdk.doFinal()), Fingerprints.secretData("lineage-1", data));
    assertNotEquals(Fingerprints.secretData("lineage-1", data), Fingerprints.secretData("lineage-2", data));
  }
}
