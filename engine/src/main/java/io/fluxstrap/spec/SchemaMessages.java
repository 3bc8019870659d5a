package io.fluxstrap.spec;

import com.networknt.schema.Error;
import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.SourceRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns the schema validator's errors into short, plain diagnostics pointing at the offending key
 * or value. The raw messages name regexes and schema keywords; a user should read "unknown key
 * 'brnach' (did you mean 'branch'?)" instead. Two schema annotations help: {@code x-noun} (what a
 * value is called, e.g. "component") and {@code x-expected} (what a pattern accepts, in words).
 */
final class SchemaMessages {
  private final JsonNode schema;
  private final JsonNode instance;
  private final SourceMap positions;

  SchemaMessages(JsonNode schema, JsonNode instance, SourceMap positions) {
    this.schema = schema;
    this.instance = instance;
    this.positions = positions;
  }

  Diagnostic translate(Error error) {
    String at = error.getInstanceLocation().toString();
    JsonNode value = instance.at(at);
    JsonNode keywordSchema = error.getSchemaNode();
    String schemaPointer = error.getSchemaLocation().getFragment().toString();
    JsonNode owner = schema.at(SourceMap.parent(schemaPointer));
    String prop = error.getProperty();
    return switch (error.getKeyword()) {
      case "type" -> Diagnostic.error(positions.value(at), "expected " + expected(keywordSchema) + ", got " + describe(value)
          + (value != null && value.isNumber() && keywordSchema.isString() && "string".equals(keywordSchema.asString()) ? " (put it in quotes: YAML reads digits as a number)" : ""));
      case "required" -> Diagnostic.error(positions.key(at), "missing required key '" + prop + "'");
      case "additionalProperties" -> Diagnostic.error(
          positions.key(SourceMap.child(at, prop)),
          "unknown key " + quote(prop) + suggestion(error).map(k -> " (did you mean '" + k + "'?)").orElse(""));
      case "propertyNames" -> {
        JsonNode names = resolve(keywordSchema);
        String noun = text(keywordSchema, "x-noun", "name");
        yield Diagnostic.error(
            positions.key(SourceMap.child(at, prop)),
            "invalid " + noun + " " + quote(prop) + " (expected " + text(names, "x-expected", "a valid name") + limit(names) + ")");
      }
      case "enum" -> enumeration(at, value, keywordSchema, owner);
      case "pattern" -> Diagnostic.error(
          positions.value(at),
          "invalid " + noun(at, owner) + " " + quote(value) + " (expected " + text(owner, "x-expected", "a value matching " + keywordSchema.asString()) + ")");
      case "minLength" -> Diagnostic.error(positions.value(at), "'" + name(at) + "' must not be empty");
      case "maxLength" -> Diagnostic.error(
          positions.value(at), "invalid " + noun(at, owner) + " " + quote(value) + " (at most " + keywordSchema.asInt() + " characters)");
      case "minProperties", "minItems" -> Diagnostic.error(
          positions.value(at), "'" + name(at) + "' needs at least " + keywordSchema.asInt() + (keywordSchema.asInt() == 1 ? " entry" : " entries"));
      case "minimum" -> Diagnostic.error(positions.value(at), "'" + name(at) + "' must be at least " + keywordSchema.asString() + ", got " + value);
      case "maximum" -> Diagnostic.error(positions.value(at), "'" + name(at) + "' must be at most " + keywordSchema.asString() + ", got " + value);
      case "multipleOf" -> Diagnostic.error(positions.value(at), "'" + name(at) + "' must be a multiple of " + keywordSchema.asString() + ", got " + value);
      case "oneOf" -> choice(at, value, keywordSchema, true);
      case "anyOf" -> anyOf(at, keywordSchema);
      case "not" -> conflict(at, value, keywordSchema);
      case "dependentRequired" -> Diagnostic.error(
          positions.key(SourceMap.child(at, prop)),
          "missing required key '" + error.getArguments()[0] + "' (needed with '" + prop + "')");
      default -> Diagnostic.error(positions.value(at), "invalid " + name(at) + ": " + error.getMessage());
    };
  }

  /** For an unknown key: the known key it most likely is a misspelling of. */
  Optional<String> suggestion(Error unknownKey) {
    String schemaPointer = unknownKey.getSchemaLocation().getFragment().toString();
    JsonNode owner = schema.at(SourceMap.parent(schemaPointer));
    return Suggestions.closest(unknownKey.getProperty(), List.copyOf(owner.path("properties").propertyNames()));
  }

  /** The keys of a oneOf / anyOf whose branches each require one key; empty for other shapes. */
  static List<String> alternatives(JsonNode branches) {
    List<String> keys = new ArrayList<>();
    for (JsonNode branch : branches) {
      JsonNode required = branch.path("required");
      if (branch.size() != 1 || required.size() != 1) return List.of();
      keys.add(required.get(0).asString());
    }
    return keys;
  }

  /** A failed anyOf, given where it applies and its branches. */
  Diagnostic anyOf(String at, JsonNode branches) {
    return choice(at, instance.at(at), branches, false);
  }

  private Diagnostic enumeration(String at, JsonNode value, JsonNode allowed, JsonNode owner) {
    List<String> options = new ArrayList<>();
    allowed.forEach(o -> options.add(o.asString()));
    String suggestion = value.isString() ? Suggestions.hint(value.asString(), options) : "";
    String tail = suggestion.isEmpty() ? " (expected one of: " + String.join(", ", options) + ")" : suggestion;
    return Diagnostic.error(positions.value(at), "unknown " + noun(at, owner) + " " + quote(value) + tail);
  }

  /**
   * oneOf / anyOf whose branches each require one key ("exactly one of url or local"): say which
   * keys are missing or clash. Other shapes get a plain fallback.
   */
  private Diagnostic choice(String at, JsonNode value, JsonNode branches, boolean exclusive) {
    List<String> keys = alternatives(branches);
    if (keys.isEmpty()) return Diagnostic.error(positions.key(at), "'" + name(at) + "' does not match any of its allowed forms");
    List<String> present = presentInFileOrder(at, value, keys);
    if (exclusive && present.size() > 1) {
      return Diagnostic.error(
          positions.key(SourceMap.child(at, present.get(1))), "'" + present.get(0) + "' and '" + present.get(1) + "' cannot be used together");
    }
    return Diagnostic.error(positions.key(at), (exclusive ? "exactly one of " : "one of ") + alternatives(keys) + " is required");
  }

  /** {@code not: {required: [a, b]}}: a and b exclude each other; point at the later one. */
  private Diagnostic conflict(String at, JsonNode value, JsonNode forbidden) {
    List<String> keys = new ArrayList<>();
    forbidden.path("required").forEach(k -> keys.add(k.asString()));
    List<String> present = presentInFileOrder(at, value, keys);
    if (forbidden.size() != 1 || present.size() < 2) {
      return Diagnostic.error(positions.key(at), "'" + name(at) + "' does not match any of its allowed forms");
    }
    return Diagnostic.error(
        positions.key(SourceMap.child(at, present.get(present.size() - 1))),
        "'" + present.get(0) + "' and '" + present.get(1) + "' cannot be used together");
  }

  private List<String> presentInFileOrder(String at, JsonNode value, List<String> keys) {
    List<String> present = new ArrayList<>(keys.stream().filter(value::has).toList());
    Comparator<SourceRange> order = Comparator.comparingInt(SourceRange::line).thenComparingInt(SourceRange::column);
    present.sort(Comparator.comparing(k -> positions.key(SourceMap.child(at, k)), order));
    return present;
  }

  private static String alternatives(List<String> keys) {
    List<String> quoted = keys.stream().map(k -> "'" + k + "'").toList();
    if (quoted.size() == 1) return quoted.get(0);
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
  }

  /** What the value is called: the schema's x-noun, else its key (a list item: its list's key). */
  private static String noun(String at, JsonNode owner) {
    return text(owner, "x-noun", name(at));
  }

  private static String name(String at) {
    String last = SourceMap.lastSegment(at);
    if (!last.isEmpty() && last.chars().allMatch(Character::isDigit)) return SourceMap.lastSegment(SourceMap.parent(at));
    return last.isEmpty() ? "spec" : last;
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.path("$ref");
    return ref.isString() && ref.asString().startsWith("#") ? schema.at(ref.asString().substring(1)) : node;
  }

  private static String limit(JsonNode names) {
    return names.has("maxLength") ? ", at most " + names.get("maxLength").asInt() + " characters" : "";
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    return v.isString() ? v.asString() : fallback;
  }

  private static String expected(JsonNode type) {
    List<String> words = new ArrayList<>();
    if (type.isArray()) type.forEach(t -> words.add(article(t.asString())));
    else words.add(article(type.asString()));
    return String.join(" or ", words);
  }

  private static String article(String jsonType) {
    return switch (jsonType) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "boolean" -> "a boolean (true or false)";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "null" -> "nothing";
      default -> "a " + jsonType;
    };
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) return "a mapping";
    if (value.isArray()) return "a list";
    if (value.isBoolean()) return "a boolean";
    if (value.isNumber()) return "a number";
    if (value.isNull() || value.isMissingNode()) return "an empty value";
    return "a string";
  }

  /** A value as a message shows it: escaped, cut short, and never with a URL's password. */
  private static String quote(JsonNode value) {
    if (value.isString()) return quote(value.asString());
    return value.isContainer() ? describe(value) : value.toString();
  }

  private static String quote(String text) {
    return "'" + SpecLimits.shown(text.replaceAll("://[^/@\\s]*@", "://***@")) + "'";
  }
}
