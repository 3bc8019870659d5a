package io.fluxstrap.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the schema's JSON text into the tree networknt compiles, with the YAML parser the spec
 * loader has just warmed up rather than Jackson's {@code JsonMapper}: building a mapper is the
 * dearest part of a cold {@code validate} (about a fifth of its run, measured with
 * {@code -Xlog:class+load}), and the schema needs none of its data binding. JSON is YAML, and the
 * JSON schema of the YAML parser types values exactly as JSON does. The tree is the same as
 * {@code JsonMapper.readTree} gives (SchemaDocumentTest checks that).
 */
final class SchemaDocument {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaDocument() {}

  static JsonNode read(String json) {
    LoadSettings settings = LoadSettings.builder().setSchema(new JsonSchema()).setCodePointLimit(Integer.MAX_VALUE).build();
    return node(new Load(settings).loadFromString(json));
  }

  private static JsonNode node(Object value) {
    if (value == null) return NODES.nullNode();
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), node(v)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(v -> array.add(node(v)));
      return array;
    }
    if (value instanceof String s) return NODES.textNode(s);
    if (value instanceof Boolean b) return NODES.booleanNode(b);
    if (value instanceof Integer i) return NODES.numberNode(i);
    if (value instanceof Long l) return NODES.numberNode(l);
    if (value instanceof BigInteger b) return NODES.numberNode(b);
    if (value instanceof Double d) return NODES.numberNode(d);
    throw new IllegalStateException("unexpected value in the schema: " + value.getClass().getName());
  }
}
