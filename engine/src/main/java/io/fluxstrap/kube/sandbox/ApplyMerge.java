package io.fluxstrap.kube.sandbox;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's approximation of server-side apply: the applied configuration is merged into the
 * live object (maps recursively, lists and scalars replaced, an explicit null removes the field), and
 * a field the previous apply set that this one leaves out is removed, as the API server does for the
 * fields a manager stops applying (the paths applied last are kept in managedFields, without values).
 * Server-owned fields (uid, resourceVersion, status...) are never taken from the applied object.
 * Merging the same configuration twice gives the same object: apply is idempotent.
 */
final class ApplyMerge {
  private static final List<String> SERVER_METADATA =
      List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink");

  private ApplyMerge() {}

  /** The applied configuration without the fields a client may not set through apply. */
  static ObjectNode applicable(JsonNode applied) {
    ObjectNode copy = ((ObjectNode) applied).deepCopy();
    copy.remove("status");
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode m) {
      m.remove(SERVER_METADATA);
    }
    return copy;
  }

  /** A new object from its first applied configuration, remembering what was applied. */
  static ObjectNode created(JsonNode applied) {
    ObjectNode config = applicable(applied);
    ObjectNode result = config.deepCopy();
    remember(result, config);
    return result;
  }

  /**
   * A new object: {@code live} with {@code applied} merged in. Neither argument is modified. Like a
   * real API server, a field the previous apply set and this one leaves out is removed (the
   * sandbox has one field manager, so "owned" means "in the last applied configuration").
   */
  static ObjectNode merge(JsonNode live, JsonNode applied) {
    ObjectNode result = ((ObjectNode) live).deepCopy();
    ObjectNode config = applicable(applied);
    JsonNode previous = live.path("metadata").path("managedFields").path(0).path("fieldsV1");
    if (previous.isObject()) removeDropped(result, (ObjectNode) previous, config);
    mergeInto(result, config);
    remember(result, config);
    return result;
  }

  /** Keeps the applied configuration in managedFields (server-owned metadata a client cannot set). */
  private static void remember(ObjectNode object, ObjectNode config) {
    JsonNode metadata = object.get("metadata");
    if (!(metadata instanceof ObjectNode m)) return;
    ObjectNode entry = m.putArray("managedFields").addObject();
    entry.put("manager", "flux");
    entry.put("operation", "Apply");
    entry.put("fieldsType", "FieldsV1");
    entry.set("fieldsV1", shape(config));
  }

  /** The field paths of a configuration, values left out (a Secret's data must not be copied here). */
  private static ObjectNode shape(ObjectNode config) {
    ObjectNode out = config.objectNode();
    for (var e : config.properties()) {
      if (e.getValue().isNull()) continue;
      if (e.getValue().isObject()) out.set(e.getKey(), shape((ObjectNode) e.getValue()));
      else out.put(e.getKey(), true);
    }
    return out;
  }

  private static void removeDropped(ObjectNode target, ObjectNode previous, ObjectNode now) {
    for (var entry : previous.properties()) {
      String key = entry.getKey();
      JsonNode was = entry.getValue();
      JsonNode is = now.get(key);
      JsonNode current = target.get(key);
      if (is == null) target.remove(key);
      else if (was.isObject() && is.isObject() && current instanceof ObjectNode c) removeDropped(c, (ObjectNode) was, (ObjectNode) is);
    }
  }

  private static void mergeInto(ObjectNode target, ObjectNode source) {
    for (var entry : source.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      JsonNode current = target.get(key);
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && current != null && current.isObject()) {
        mergeInto((ObjectNode) current, (ObjectNode) value);
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }
}
