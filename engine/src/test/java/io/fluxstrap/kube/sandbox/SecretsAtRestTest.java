package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.Cluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The sandbox encrypts Secrets at rest: no secret value is in any file of its folder, in any encoding. */
class SecretsAtRestTest {
  /** Its standard and URL-safe base64 differ ('+' against '-'), so both encodings are really checked. */
  static final String VALUE = "pat-4Zq?>~recognisable?secret>>value";
  static final String STRING_DATA_VALUE = "passphrase-Xy7?>~in-string-data";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  static final String MANIFEST = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: from-manifest
        namespace: default
        labels:
          app: demo
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"%s"}}'
      type: kubernetes.io/basic-auth
      data:
        token: %s
      stringData:
        password: %s
      """.formatted(STRING_DATA_VALUE, base64(VALUE), STRING_DATA_VALUE);

  @Test
  void noSecretValueIsInAnyFileYetARestartServesTheSecretsUnchanged() throws Exception {
    Map<String, Object> fromManifest;
    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = SandboxTest.clusterOn(sandbox)) {
      cluster.applySecret("default", "flux-system", Map.of("password", bytes(VALUE)));
      cluster.applyManifests(MANIFEST, Cluster.ApplyListener.NONE);
      fromManifest = cluster.get("v1", "Secret", "default", "from-manifest").orElseThrow();
      assertEquals(STRING_DATA_VALUE, ((Map<?, ?>) fromManifest.get("stringData")).get("password"), "the sandbox stored it");

      assertNoSecretValueUnder(dir); // every write is on disk at once, so already now
    }
    assertNoSecretValueUnder(dir);

    Path key = dir.resolve(EncryptionKeyFile.FILE);
    assertEquals(32, Files.size(key));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    JsonNode stored = storedSecret("from-manifest");
    assertEquals("Secret", stored.path("kind").asString(), "the rest of the object stays readable");
    assertEquals("kubernetes.io/basic-auth", stored.path("type").asString());
    assertEquals("demo", stored.path("metadata").path("labels").path("app").asString());
    assertEquals("aesgcm", stored.path(SecretEnvelope.FIELD).path("provider").asString());
    assertFalse(stored.has("data") || stored.has("stringData"));

    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = SandboxTest.clusterOn(sandbox)) {
      assertArrayEquals(bytes(VALUE), cluster.readSecret("default", "flux-system").orElseThrow().data().get("password"));
      assertEquals(fromManifest, cluster.get("v1", "Secret", "default", "from-manifest").orElseThrow(),
          "the whole Secret, annotation included, is served as before the restart");
    }
  }

  @Test
  void aChangedEnvelopeIsAClearErrorAndTheFileIsKept() throws Exception {
    writeSecrets();
    String original = Files.readString(objectsFile());
    ObjectNode root = (ObjectNode) JSON.readTree(original);
    ObjectNode envelope = (ObjectNode) secretIn(root, "flux-system").get(SecretEnvelope.FIELD);
    String ciphertext = envelope.path("ciphertext").asString();
    envelope.put("ciphertext", (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1));
    Files.writeString(objectsFile(), JSON.writeValueAsString(root));

    UserException e = assertUnreadable("cannot decrypt Secret default/flux-system");
    assertTrue(e.getMessage().contains("the envelope was changed"), e.getMessage());
    assertEquals(JSON.writeValueAsString(root), Files.readString(objectsFile()), "a failed open writes nothing");

    Files.writeString(objectsFile(), original); // and the directory lock was released
    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = SandboxTest.clusterOn(sandbox)) {
      assertArrayEquals(bytes(VALUE), cluster.readSecret("default", "flux-system").orElseThrow().data().get("password"));
    }
  }

  @Test
  void anEnvelopeMovedToAnotherSecretOrBrokenIsAClearError() throws Exception {
    writeSecrets();
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(objectsFile()));
    ObjectNode target = secretIn(root, "from-manifest");
    target.set(SecretEnvelope.FIELD, secretIn(root, "flux-system").get(SecretEnvelope.FIELD).deepCopy());
    Files.writeString(objectsFile(), JSON.writeValueAsString(root));
    assertUnreadable("cannot decrypt Secret default/from-manifest");

    ((ObjectNode) target.get(SecretEnvelope.FIELD)).put("nonce", "not base64!");
    Files.writeString(objectsFile(), JSON.writeValueAsString(root));
    assertUnreadable("its envelope is damaged");
  }

  @Test
  void aMissingOrDifferentKeyIsAClearError() throws Exception {
    writeSecrets();
    Path key = dir.resolve(EncryptionKeyFile.FILE);
    byte[] original = Files.readAllBytes(key);

    Files.delete(key);
    UserException missing = assertUnreadable("holds encrypted Secrets but their key " + key + " is missing");
    assertFalse(Files.exists(key), "a new key would make the stored Secrets unreadable for good: none is made");

    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.write(key, other);
    assertUnreadable("with the key " + key + ": it does not decrypt with this key");

    Files.write(key, new byte[] {1, 2, 3});
    UserException shortKey = assertThrows(UserException.class, () -> Sandbox.open(dir, RevisionSource.NONE));
    assertTrue(shortKey.diagnostics().get(0).render().startsWith(key + ": error: not a sandbox encryption key"),
        shortKey.diagnostics().get(0).render());

    Files.write(key, original);
    Sandbox.open(dir, RevisionSource.NONE).close();
    assertTrue(missing.diagnostics().get(0).render().contains("delete the sandbox folder " + dir + " to start over"));
  }

  @Test
  void secretsWrittenBeforeEncryptionAreReadAndThenStoredEncrypted() throws Exception {
    ObjectNode secret = (ObjectNode) JSON.readTree("""
        {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
         "metadata": {"name": "old", "namespace": "default", "uid": "u-1", "resourceVersion": "7"},
         "data": {"password": "%s"}}""".formatted(base64(VALUE)));
    ObjectNode root = JSON.createObjectNode().put("format", 1);
    root.putArray("objects").addObject().put("plural", "secrets").set("object", secret);
    Files.writeString(objectsFile(), JSON.writeValueAsString(root));

    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = SandboxTest.clusterOn(sandbox)) {
      assertArrayEquals(bytes(VALUE), cluster.readSecret("default", "old").orElseThrow().data().get("password"));
      assertNoSecretValueUnder(dir);
    }
  }

  @Test
  void sealingIsExactlyUndoneAndUsesAFreshNoncePerObject() throws Exception {
    ObjectNode secret = (ObjectNode) JSON.readTree(JSON.writeValueAsString(
        tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(MANIFEST)));
    StoredObject object = new StoredObject("secrets", secret);
    EncryptionKeyFile keyFile = new EncryptionKeyFile(dir);

    ObjectNode first = SecretEnvelope.seal(object, keyFile.obtain());
    ObjectNode second = SecretEnvelope.seal(object, keyFile.obtain());

    assertNotEquals(first.get(SecretEnvelope.FIELD).path("nonce"), second.get(SecretEnvelope.FIELD).path("nonce"));
    assertFalse(first.path("metadata").has("annotations"), "the only annotation was the data's copy");
    assertEquals(secret, SecretEnvelope.open(new StoredObject("secrets", first), new EncryptionKeyFile(dir).obtain()));
    assertEquals(secret, SecretEnvelope.open(new StoredObject("secrets", second), keyFile.obtain()));
    assertFalse(SecretEnvelope.needsSealing(new StoredObject("configmaps", secret.deepCopy().put("kind", "ConfigMap"))));
  }

  private void writeSecrets() {
    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = SandboxTest.clusterOn(sandbox)) {
      cluster.applySecret("default", "flux-system", Map.of("password", bytes(VALUE)));
      cluster.applyManifests(MANIFEST, Cluster.ApplyListener.NONE);
    }
  }

  /** Opening fails with a user error that names objects.json, says what to do, and holds no secret. */
  private UserException assertUnreadable(String problem) {
    UserException e = assertThrows(UserException.class, () -> Sandbox.open(dir, RevisionSource.NONE));
    String rendered = e.diagnostics().get(0).render();
    assertTrue(rendered.startsWith(objectsFile() + ": error: "), rendered);
    assertTrue(rendered.contains(problem), rendered);
    assertTrue(rendered.endsWith("; delete the sandbox folder " + dir + " to start over"), rendered);
    for (String forbidden : forbidden()) {
      assertFalse(rendered.contains(forbidden), "the message holds a secret: " + rendered);
    }
    return e;
  }

  private Path objectsFile() {
    return dir.resolve(SandboxStore.FILE);
  }

  private JsonNode storedSecret(String name) throws IOException {
    return secretIn((ObjectNode) JSON.readTree(Files.readString(objectsFile())), name);
  }

  private static ObjectNode secretIn(ObjectNode root, String name) {
    for (JsonNode entry : root.path("objects")) {
      JsonNode object = entry.path("object");
      if (object.path("kind").asString().equals("Secret") && object.path("metadata").path("name").asString().equals(name)) {
        return (ObjectNode) object;
      }
    }
    throw new AssertionError("no Secret " + name + " stored");
  }

  /** Scans every byte of every file under {@code root}. */
  static void assertNoSecretValueUnder(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertFalse(files.isEmpty());
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (String forbidden : forbidden()) {
        assertFalse(indexOf(content, bytes(forbidden)) >= 0, file + " holds a secret value (as " + forbidden + ")");
      }
    }
  }

  /**
   * Both values as they are, in base64 and URL-safe base64 (alone, and at each of the three offsets
   * they could have inside a longer base64 text).
   */
  static List<String> forbidden() {
    List<String> all = new ArrayList<>();
    for (String value : List.of(VALUE, STRING_DATA_VALUE)) {
      all.add(value);
      for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        all.add(encoder.encodeToString(bytes(value)));
        for (int shift = 0; shift < 3; shift++) {
          byte[] shifted = new byte[shift + value.length()];
          System.arraycopy(bytes(value), 0, shifted, shift, value.length());
          String encoded = encoder.withoutPadding().encodeToString(shifted);
          all.add(encoded.substring(shift == 0 ? 0 : shift + 1, encoded.length() - 3)); // chars of the value only
        }
      }
    }
    return all;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(bytes(s));
  }
}
