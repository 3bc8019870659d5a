package io.fluxstrap.kube.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encryption at rest for the sandbox's Secrets, like a real API server's aesgcm provider: before a
 * {@code v1} Secret is written to disk, its {@code data}, {@code stringData} and kubectl's
 * last-applied annotation (a copy of the data) move into one AES-256-GCM envelope with a fresh
 * random 96-bit nonce. Everything else (metadata, type) stays plain, so a person can still inspect
 * the sandbox. The envelope is bound to the object's path, so it cannot be moved to another Secret.
 */
final class SecretEnvelope {
  static final String FIELD = "sandbox.fluxstrap.io/encrypted";
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final String PROVIDER = "aesgcm";
  private static final List<String> SECRET_FIELDS = List.of("data", "stringData");
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SecretEnvelope() {}

  static boolean isSecret(StoredObject o) {
    return o.plural().equals("secrets") && o.object().path("apiVersion").asString("").equals("v1");
  }

  /** Whether the object, as stored in memory, holds anything {@link #seal} would encrypt. */
  static boolean needsSealing(StoredObject o) {
    if (!isSecret(o)) {
      return false;
    }
    JsonNode object = o.object();
    return SECRET_FIELDS.stream().anyMatch(object::has) || object.path("metadata").path("annotations").has(LAST_APPLIED);
  }

  /** Whether the object, as read from disk, carries an envelope. */
  static boolean isSealed(StoredObject o) {
    return isSecret(o) && o.object().has(FIELD);
  }

  /** A copy of the Secret with its secret fields replaced by the envelope. */
  static ObjectNode seal(StoredObject o, SecretKey key) {
    ObjectNode sealed = ((ObjectNode) o.object()).deepCopy();
    ObjectNode plain = JsonNodeFactory.instance.objectNode();
    for (String field : SECRET_FIELDS) {
      JsonNode value = sealed.remove(field);
      if (value != null) {
        plain.set(field, value);
      }
    }
    if (sealed.path("metadata").get("annotations") instanceof ObjectNode annotations) {
      JsonNode lastApplied = annotations.remove(LAST_APPLIED);
      if (lastApplied != null) {
        plain.set("lastApplied", lastApplied);
        if (annotations.isEmpty()) {
          ((ObjectNode) sealed.get("metadata")).remove("annotations");
        }
      }
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] plaintext = JSON.writeValueAsBytes(plain);
    try {
      byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, nonce, o).doFinal(plaintext);
      Base64.Encoder base64 = Base64.getEncoder();
      sealed.putObject(FIELD).put("provider", PROVIDER).put("nonce", base64.encodeToString(nonce))
          .put("ciphertext", base64.encodeToString(ciphertext));
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot encrypt with AES-GCM: " + e.getClass().getSimpleName());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The Secret as it was before {@link #seal}.
   *
   * @throws Unreadable when the envelope is damaged or was sealed with another key
   */
  static ObjectNode open(StoredObject o, SecretKey key) throws Unreadable {
    ObjectNode opened = ((ObjectNode) o.object()).deepCopy();
    JsonNode envelope = opened.remove(FIELD);
    if (!envelope.path("provider").asString("").equals(PROVIDER)) {
      throw new Unreadable("its envelope is damaged (unknown provider)");
    }
    byte[] nonce;
    byte[] ciphertext;
    try {
      nonce = Base64.getDecoder().decode(envelope.path("nonce").asString(""));
      ciphertext = Base64.getDecoder().decode(envelope.path("ciphertext").asString(""));
    } catch (IllegalArgumentException e) {
      throw new Unreadable("its envelope is damaged (not base64)");
    }
    if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BITS / 8) {
      throw new Unreadable("its envelope is damaged (wrong length)");
    }
    byte[] plaintext;
    try {
      plaintext = cipher(Cipher.DECRYPT_MODE, key, nonce, o).doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new Unreadable("it does not decrypt with this key: the key was replaced or the envelope was changed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot decrypt with AES-GCM: " + e.getClass().getSimpleName());
    }
    try {
      restore(opened, JSON.readTree(plaintext));
    } catch (JacksonException | ClassCastException e) {
      throw new Unreadable("its envelope is damaged (not a sealed Secret)"); // never Jackson's message: it quotes input
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    return opened;
  }

  private static void restore(ObjectNode secret, JsonNode plain) {
    if (!plain.isObject()) {
      throw new ClassCastException();
    }
    for (String field : SECRET_FIELDS) {
      if (plain.has(field)) {
        secret.set(field, plain.get(field));
      }
    }
    if (plain.has("lastApplied")) {
      ObjectNode metadata = secret.get("metadata") instanceof ObjectNode m ? m : secret.putObject("metadata");
      ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode a ? a : metadata.putObject("annotations");
      annotations.set(LAST_APPLIED, plain.get("lastApplied"));
    }
  }

  /** AES-256-GCM whose associated data is the object's path: an envelope only opens where it was sealed. */
  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, StoredObject o) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD((PROVIDER + ":" + o.path()).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** A sealed Secret that cannot be opened; the message names no secret value. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }
}
