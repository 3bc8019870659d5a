package io.fluxstrap.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateEncryptionTest {
  static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final byte[] PLAIN = StateCodec.encode(new State(1, 3, "lineage-1", "t", Map.of("cluster.prod-weu.secret",
      new ResourceState("cluster_secret", Map.of("fingerprint", "hmac-sha256:abc")))));

  private static StateEncryption key() {
    return StateEncryption.withKey(KEY, "FLUXSTRAP_STATE_KEY");
  }

  @Test
  void sealedStateHidesTheTopologyAndOpensWithTheKey() {
    byte[] sealed = key().seal(PLAIN);
    String text = new String(sealed, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"encryption\":\"AES-256-GCM\""), text);
    assertFalse(text.contains("prod-weu") || text.contains("lineage-1") || text.contains(KEY), text);
    assertArrayEquals(PLAIN, key().open(sealed, "state"));
    assertNotEquals(text, new String(key().seal(PLAIN), StandardCharsets.UTF_8), "a fresh nonce every time");
  }

  @Test
  void theSameKeyInHexWorksToo() {
    String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(KEY));
    assertArrayEquals(PLAIN, StateEncryption.withKey(hex, "file k").open(key().seal(PLAIN), "state"));
  }

  @Test
  void withoutTheKeySealedStateIsRefusedSayingHowToGiveIt() {
    UserException e = assertThrows(UserException.class, () -> StateEncryption.none().open(key().seal(PLAIN), "state file s.json"));
    assertTrue(e.getMessage().startsWith("state file s.json is encrypted (AES-256-GCM, key sha256:"), e.getMessage());
    assertTrue(e.getMessage().contains("FLUXSTRAP_STATE_KEY"), e.getMessage());
  }

  @Test
  void anotherKeyIsNamedByFingerprintNotValue() {
    String other = Base64.getEncoder().encodeToString(new byte[32]);
    UserException e = assertThrows(UserException.class,
        () -> StateEncryption.withKey(other, "environment variable K").open(key().seal(PLAIN), "state"));
    assertTrue(e.getMessage().contains("encrypted with another key"), e.getMessage());
    assertFalse(e.getMessage().contains(other) || e.getMessage().contains(KEY), e.getMessage());
  }

  @Test
  void alteredCiphertextIsRefused() {
    String sealed = new String(key().seal(PLAIN), StandardCharsets.UTF_8);
    int at = sealed.indexOf("\"ciphertext\":\"") + 14;
    char c = sealed.charAt(at);
    String altered = sealed.substring(0, at) + (c == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
    UserException e = assertThrows(UserException.class, () -> key().open(altered.getBytes(StandardCharsets.UTF_8), "state"));
    assertTrue(e.getMessage().contains("altered or damaged"), e.getMessage());
  }

  @Test
  void plainStateIsStillReadSoEncryptionCanBeTurnedOn() {
    assertArrayEquals(PLAIN, key().open(PLAIN, "state"));
    assertArrayEquals(PLAIN, StateEncryption.none().seal(PLAIN));
  }

  @Test
  void aKeyOfTheWrongSizeIsRefusedWithoutEchoingIt() {
    UserException e = assertThrows(UserException.class, () -> StateEncryption.withKey("c2hvcnQ=", "environment variable K"));
    assertEquals("the state encryption key from environment variable K must be 32 bytes, as base64 (openssl rand -base64 32) or 64 hex digits",
        e.getMessage());
  }
}
