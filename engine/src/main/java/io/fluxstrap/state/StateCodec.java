package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that turns state and lock records into bytes and back, and that decides whether
 * a stored state may be replaced. Backends only move bytes, so every backend refuses the same
 * things with the same words. The JSON is pretty and its keys come in a fixed order, so equal
 * states are equal bytes and diffs of state files are readable.
 *
 * <p>{@code what} parameters name the stored thing for messages, e.g.
 * {@code state file state/quickstart.state.json}.
 */
public final class StateCodec {
  /**
   * Longest resource address or attribute name, in UTF-8 bytes. Reading allows exactly what
   * writing allows, so that no state this codec writes is ever unreadable (the parser's default
   * of 50,000 once locked a user out of a state that held a long path).
   */
  public static final int MAX_NAME_BYTES = 1 << 20;
  /** Longest string value (a type, lineage, writer or attribute value), in characters. */
  public static final int MAX_VALUE_LENGTH = 8 << 20;

  private static final StreamReadConstraints READ_LIMITS =
      StreamReadConstraints.builder().maxNameLength(MAX_NAME_BYTES).maxStringLength(MAX_VALUE_LENGTH).build();
  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ_LIMITS).build())
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  /** A stored state that cannot be read: the store says how to restore it. */
  public static final class MalformedState extends UserException {
    MalformedState(String message) {
      super(message);
    }
  }

  private StateCodec() {}

  /**
   * The state as bytes; refuses (before anything is written) what {@link #decode} could not read back.
   * Streamed straight to UTF-8 (no intermediate tree or string): an apply writes the whole state
   * after every cluster's group of steps, so for a fleet this runs hundreds of times per run.
   */
  public static byte[] encode(State state) {
    checkReadable(state);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 256 * state.resources().size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("version", state.version());
      g.writeNumberProperty("serial", state.serial());
      g.writeStringProperty("lineage", state.lineage());
      g.writeStringProperty("writer", state.writer());
      g.writeObjectPropertyStart("resources");
      for (Map.Entry<String, ResourceState> e : sorted(state.resources()).entrySet()) {
        g.writeObjectPropertyStart(e.getKey());
        g.writeStringProperty("type", e.getValue().type());
        g.writeObjectPropertyStart("attributes");
        for (Map.Entry<String, String> a : sorted(e.getValue().attributes()).entrySet()) {
          g.writeStringProperty(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map instanceof java.util.SortedMap<String, V> s && s.comparator() == null ? map : new TreeMap<>(map);
  }

  /**
   * What a migrated store keeps: {@code state} (one serial on) with {@code migrated_to} naming
   * where it went, so a run still pointed at it is refused rather than working on a stale copy.
   */
  public static byte[] encodeMigrated(State state, String destination) {
    ObjectNode root = (ObjectNode) JSON.readTree(encode(state));
    root.put("migrated_to", destination);
    return bytes(root);
  }

  /** The state in {@code bytes}; refuses a newer format, a migrated state and anything malformed, naming {@code what}. */
  public static State decode(byte[] bytes, String what) {
    JsonNode root = parse(bytes, what);
    if (root.path("migrated_to").isString()) {
      throw new UserException(what + " was migrated to " + root.path("migrated_to").asString()
          + "; use that backend (state.backend in the spec, or --state-backend and --state-config)");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || version.asInt() < 1) {
      throw malformed(what, "\"version\" must be a positive integer");
    }
    if (version.asInt() > State.FORMAT_VERSION) {
      throw new UserException(what + " was written by a newer fluxstrap (format " + version.asInt() + "); upgrade fluxstrap");
    }
    JsonNode serial = root.get("serial");
    if (serial == null || !serial.isIntegralNumber() || serial.asLong() < 0) {
      throw malformed(what, "\"serial\" must be a non-negative integer");
    }
    String lineage = requiredText(root, "lineage", what);
    String writer = root.path("writer").isString() ? root.path("writer").asString() : "";
    Map<String, ResourceState> resources = new LinkedHashMap<>();
    JsonNode rs = root.path("resources");
    if (!rs.isMissingNode() && !rs.isObject()) throw malformed(what, "\"resources\" must be an object");
    for (Map.Entry<String, JsonNode> e : rs.properties()) {
      JsonNode r = e.getValue();
      if (!r.path("type").isString() || r.path("type").asString().isEmpty()) {
        throw malformed(what, "resource " + e.getKey() + " has no \"type\"");
      }
      String type = r.path("type").asString();
      Map<String, String> attributes = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> a : r.path("attributes").properties()) {
        if (!a.getValue().isString()) throw malformed(what, "attribute " + a.getKey() + " of " + e.getKey() + " must be a string");
        attributes.put(a.getKey(), a.getValue().asString());
      }
      resources.put(e.getKey(), new ResourceState(type, attributes));
    }
    return new State(version.asInt(), serial.asLong(), lineage, writer, resources);
  }

  /**
   * Refuses to replace {@code stored} (null when nothing is stored yet) with {@code next} unless
   * {@code next} continues the same history: same lineage, larger serial. A smaller or equal
   * serial means another run wrote since this one read: its plan is stale.
   */
  public static void checkSuccessor(State stored, State next, String what) {
    if (stored == null) return;
    if (!stored.lineage().equals(next.lineage())) {
      throw new UserException(what + " belongs to another state history (lineage " + stored.lineage()
          + "); refusing to overwrite it with lineage " + next.lineage());
    }
    if (next.serial() <= stored.serial()) {
      throw new UserException("state changed underneath: serial " + stored.serial() + " is stored in " + what
          + ", so serial " + next.serial() + " would not be newer; run plan again");
    }
  }

  public static byte[] encodeLock(LockInfo lock) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", lock.id());
    root.put("who", lock.who());
    root.put("operation", lock.operation());
    root.put("created", lock.created().toString());
    return bytes(root);
  }

  public static LockInfo decodeLock(byte[] bytes, String what) {
    JsonNode root = parse(bytes, what);
    try {
      return new LockInfo(requiredText(root, "id", what), requiredText(root, "who", what),
          requiredText(root, "operation", what), Instant.parse(requiredText(root, "created", what)));
    } catch (DateTimeParseException e) {
      throw malformed(what, "\"created\" is not a timestamp");
    }
  }

  private static JsonNode parse(byte[] bytes, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw malformed(what, e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) throw malformed(what, "expected a JSON object");
    return root;
  }

  private static String requiredText(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString() || v.asString().isEmpty()) throw malformed(what, "\"" + field + "\" is missing");
    return v.asString();
  }

  private static UserException malformed(String what, String detail) {
    return new MalformedState(what + " is malformed: " + detail);
  }

  /** The names of what failed are built only on failure: this runs over every attribute on every write. */
  private static void checkReadable(State state) {
    checkValue(state.lineage(), () -> "lineage");
    checkValue(state.writer(), () -> "writer");
    for (Map.Entry<String, ResourceState> e : state.resources().entrySet()) {
      checkName(e.getKey(), () -> "resource address");
      checkValue(e.getValue().type(), () -> "type of " + shorten(e.getKey()));
      for (Map.Entry<String, String> a : e.getValue().attributes().entrySet()) {
        checkName(a.getKey(), () -> "attribute name of " + shorten(e.getKey()));
        checkValue(a.getValue(), () -> "attribute " + shorten(a.getKey()) + " of " + shorten(e.getKey()));
      }
    }
  }

  private static void checkName(String name, Supplier<String> what) {
    if ((long) name.length() * 3 <= MAX_NAME_BYTES) return; // a char is at most 3 bytes of UTF-8: no need to count
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new UserException("refusing to record state: a " + what.get() + " of " + bytes + " bytes ('" + shorten(name)
          + "') is longer than state can hold (" + MAX_NAME_BYTES + ")");
    }
  }

  private static void checkValue(String value, Supplier<String> what) {
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new UserException("refusing to record state: the " + what.get() + " is " + value.length()
          + " characters long, more than state can hold (" + MAX_VALUE_LENGTH + ")");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }

  private static byte[] bytes(ObjectNode root) {
    return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
