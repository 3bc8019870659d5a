package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encryption at rest for state, on every backend (like OpenTofu's state encryption): the encoded
 * state is sealed with AES-256-GCM under a 256-bit key, in a small JSON envelope that names the
 * algorithm and the key's fingerprint (never the key). Backends store the envelope as they would
 * plain state, so the lock, backup and concurrency rules do not change.
 *
 * <p>Plain state is still read when a key is configured (that is how encryption is turned on:
 * the next write seals it); sealed state without the key is refused with a message saying how to
 * give it. State holds no secrets either way; this protects the topology it records.
 */
public final class StateEncryption {
  private static final String ALGORITHM = "AES-256-GCM";
  private static final byte[] AAD = "fluxstrap-state".getBytes(StandardCharsets.UTF_8);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  /** The process's default mapper (the spec schema's too): a mapper of its own cost every plan ~6 ms. */
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final StateEncryption NONE = new StateEncryption(null, null);

  private final SecretKeySpec key;
  private final String keyFrom;

  private StateEncryption(byte[] key, String keyFrom) {
    this.key = key == null ? null : new SecretKeySpec(key, "AES");
    this.keyFrom = keyFrom;
  }

  /** Made on the first seal: reading (every plan) needs no random source. */
  private static final class Nonces {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  /** No encryption: state is stored as plain JSON; sealed state cannot be read. */
  public static StateEncryption none() {
    return NONE;
  }

  /**
   * Encryption under {@code key}, 32 bytes given as base64 (what {@code openssl rand -base64 32}
   * prints) or 64 hex digits. {@code keyFrom} names where it came from (an environment variable or
   * a file) for messages; the key itself never appears in one.
   */
  public static StateEncryption withKey(String key, String keyFrom) {
    return new StateEncryption(parseKey(key.strip(), keyFrom), keyFrom);
  }

  public boolean enabled() {
    return key != null;
  }

  /** The stored form of {@code plain}: an envelope when a key is set, else {@code plain} itself. */
  public byte[] seal(byte[] plain) {
    if (key == null) return plain;
    byte[] nonce = new byte[NONCE_BYTES];
    Nonces.RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(AAD);
      byte[] sealed = c.doFinal(plain);
      ObjectNode root = JSON.createObjectNode();
      root.put("encryption", ALGORITHM);
      root.put("key_fingerprint", fingerprint());
      root.put("nonce", Base64.getEncoder().encodeToString(nonce));
      root.put("ciphertext", Base64.getEncoder().encodeToString(sealed));
      return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  /** The plain bytes behind {@code stored}, which may be plain already; {@code what} names the store. */
  public byte[] open(byte[] stored, String what) {
    JsonNode envelope = envelope(stored);
    if (envelope == null) return stored;
    if (!ALGORITHM.equals(envelope.path("encryption").asString(""))) {
      throw new UserException(what + " is encrypted with " + envelope.path("encryption").asString("?")
          + ", which this fluxstrap cannot read (it knows " + ALGORITHM + ")");
    }
    String fp = envelope.path("key_fingerprint").asString("");
    if (key == null) {
      throw new UserException(what + " is encrypted (" + ALGORITHM + ", key " + fp + "); give its key in the environment variable"
          + " FLUXSTRAP_STATE_KEY or in a file named by FLUXSTRAP_STATE_KEY_FILE (or state.encryption in the spec)");
    }
    if (!fp.equals(fingerprint())) {
      throw new UserException(what + " is encrypted with another key (key " + fp + "), not the one from " + keyFrom + " (key "
          + fingerprint() + ")");
    }
    try {
      byte[] nonce = Base64.getDecoder().decode(envelope.path("nonce").asString(""));
      byte[] sealed = Base64.getDecoder().decode(envelope.path("ciphertext").asString(""));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(AAD);
      return c.doFinal(sealed);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new UserException(what + " is encrypted but cannot be decrypted with the key from " + keyFrom
          + ": it was altered or damaged");
    }
  }

  /** Whether {@code stored} is an encryption envelope (not plain state). */
  public static boolean sealed(byte[] stored) {
    return envelope(stored) != null;
  }

  private static JsonNode envelope(byte[] stored) {
    if (stored.length == 0 || stored[0] != '{') return null;
    try {
      JsonNode root = JSON.readTree(stored);
      return root != null && root.isObject() && root.has("encryption") && root.has("ciphertext") ? root : null;
    } catch (RuntimeException e) {
      return null; // not JSON at all: the state codec reports it as malformed
    }
  }

  /** A short, non-reversible name of the key: the first 8 bytes of SHA-256 over it, in hex. */
  private String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "sha256:" + HexFormat.of().formatHex(Arrays.copyOf(d, 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] parseKey(String text, String keyFrom) {
    byte[] key = null;
    if (text.matches("[0-9a-fA-F]{64}")) key = HexFormat.of().parseHex(text);
    else {
      try {
        key = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        key = null;
      }
    }
    if (key == null || key.length != 32) {
      throw new UserException("the state encryption key from " + keyFrom + " must be 32 bytes, as base64 (openssl rand -base64 32)"
          + " or 64 hex digits");
    }
    return key;
  }
}
