package io.fluxstrap.kube.sandbox;

import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's objects on disk: {@code objects.json}, rewritten whole after every change through a
 * temporary file and a rename, so a killed run leaves either the old or the new file, never half of
 * one. Secrets are encrypted at rest ({@link SecretEnvelope}, key in {@link EncryptionKeyFile}), so
 * no secret value is on disk in any form; the file is readable by its owner only all the same.
 */
final class SandboxStore {
  static final String FILE = "objects.json";
  private static final int FORMAT = 1;

  private final Path dir;
  private final Path file;
  private final EncryptionKeyFile key;
  private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  SandboxStore(Path dir) {
    this.dir = dir;
    this.file = dir.resolve(FILE);
    this.key = new EncryptionKeyFile(dir);
  }

  Path file() {
    return file;
  }

  /**
   * The stored objects, Secrets decrypted.
   *
   * @throws UserException when encrypted Secrets cannot be decrypted (key missing or wrong, file changed)
   */
  List<StoredObject> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = json.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (JacksonException e) {
      throw new IllegalStateException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    if (root.path("format").asInt(0) != FORMAT) {
      throw new IllegalStateException(file + " has an unknown format (expected " + FORMAT + ")");
    }
    List<StoredObject> objects = new ArrayList<>();
    for (JsonNode entry : root.path("objects")) {
      objects.add(open(new StoredObject(entry.path("plural").asString(), entry.path("object"))));
    }
    return objects;
  }

  private StoredObject open(StoredObject o) {
    if (!SecretEnvelope.isSealed(o)) {
      return o; // not a Secret, or written before Secrets were encrypted: the next save encrypts it
    }
    SecretKey secretKey = key.existing().orElseThrow(() -> unreadable(
        "holds encrypted Secrets but their key " + key.file() + " is missing"));
    try {
      return new StoredObject(o.plural(), SecretEnvelope.open(o, secretKey));
    } catch (SecretEnvelope.Unreadable e) {
      throw unreadable("cannot decrypt Secret " + o.object().path("metadata").path("namespace").asString("") + "/"
          + o.object().path("metadata").path("name").asString("") + " with the key " + key.file() + ": " + e.getMessage());
    }
  }

  private UserException unreadable(String problem) {
    return new UserException(SourceRange.of(file), problem + "; delete the sandbox folder " + dir + " to start over");
  }

  void save(List<StoredObject> objects) {
    ObjectNode root = JsonNodeFactory.instance.objectNode().put("format", FORMAT);
    ArrayNode list = root.putArray("objects");
    for (StoredObject o : objects) {
      // the key is on disk before the first encrypted Secret is
      JsonNode object = SecretEnvelope.needsSealing(o) ? SecretEnvelope.seal(o, key.obtain()) : o.object();
      list.addObject().put("plural", o.plural()).set("object", object);
    }
    Path temp = file.resolveSibling(FILE + ".tmp");
    try {
      Files.writeString(temp, json.writeValueAsString(root));
      ownerOnly(temp);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own permissions apply
    }
  }
}
