package io.fluxstrap.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fingerprints let state and plans say "this secret changed" without holding it. Secret data is
 * fingerprinted with HMAC-SHA256 keyed by the state lineage, so a fingerprint cannot be looked up
 * in a precomputed table and means nothing outside its own state. Public content (manifests) uses
 * plain SHA-256.
 *
 * <p>HMAC is computed here over {@link MessageDigest} (RFC 2104) rather than with
 * {@code javax.crypto.Mac}: the first {@code Mac} of a process sets up the JCE's jurisdiction
 * policy (parsing its policy files), which cost ~20-40 ms of every plan (README, "Start-up");
 * {@code FingerprintsTest} checks the result against {@code Mac}.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** {@code sha256:<hex>} of public bytes. */
  public static String sha256(byte[] content) {
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(content));
  }

  /**
   * {@code sha256:<hex>} of public text. Large texts are hashed once per process: a fleet's
   * clusters share one rendered {@code gotk-components.yaml} (the same string), which planning,
   * refresh and apply would otherwise hash again for every cluster, several times each.
   */
  public static String sha256(String content) {
    if (content.length() < MEMO_MIN_LENGTH) return sha256(content.getBytes(StandardCharsets.UTF_8));
    String known = LARGE.get(content); // the same instance is found by identity, after its cached hashCode
    if (known != null) return known;
    String hash = sha256(content.getBytes(StandardCharsets.UTF_8));
    LARGE_HASHED.incrementAndGet();
    if (LARGE.size() >= MEMO_MAX_ENTRIES) LARGE.clear();
    LARGE.put(content, hash);
    return hash;
  }

  private static final int MEMO_MIN_LENGTH = 4096;
  private static final int MEMO_MAX_ENTRIES = 16;
  private static final Map<String, String> LARGE = new java.util.concurrent.ConcurrentHashMap<>();
  /** How many large texts were actually digested (for the test that the memo is used). */
  static final java.util.concurrent.atomic.AtomicLong LARGE_HASHED = new java.util.concurrent.atomic.AtomicLong();

  /** {@code hmac-sha256:<hex>} over the sorted keys and values of secret data. */
  public static String secretData(String lineage, Map<String, byte[]> data) {
    Hmac mac = new Hmac(("fluxstrap:" + lineage).getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> e : new TreeMap<>(data).entrySet()) {
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      mac.update(lengthPrefix(k.length));
      mac.update(k);
      mac.update(lengthPrefix(e.getValue().length));
      mac.update(e.getValue());
    }
    return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal());
  }

  /**
   * One {@link #secretData} fingerprint per key (over that key and its value alone), so a change can
   * be narrowed to the keys that differ without holding any value.
   */
  public static Map<String, String> perKey(String lineage, Map<String, byte[]> data) {
    Map<String, String> out = new TreeMap<>();
    data.forEach((key, value) -> out.put(key, secretData(lineage, Map.of(key, value))));
    return out;
  }

  private static byte[] lengthPrefix(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || message)), K padded to the 64-byte block. */
  static final class Hmac {
    private static final int BLOCK = 64;
    private final MessageDigest digest = sha256();
    private final byte[] key;

    Hmac(byte[] key) {
      this.key = Arrays.copyOf(key.length > BLOCK ? digest.digest(key) : key, BLOCK);
      digest.update(padded((byte) 0x36));
    }

    void update(byte[] bytes) {
      digest.update(bytes);
    }

    byte[] doFinal() {
      byte[] inner = digest.digest();
      digest.update(padded((byte) 0x5c));
      return digest.digest(inner);
    }

    private byte[] padded(byte pad) {
      byte[] out = new byte[BLOCK];
      for (int i = 0; i < BLOCK; i++) out[i] = (byte) (key[i] ^ pad);
      return out;
    }
  }
}
