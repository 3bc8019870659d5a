package io.fluxstrap.kube.sandbox;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's approximation of server-side apply: the applied configuration is merged into the
 * live object (maps recursively, lists and scalars replaced, an explicit null removes the field).
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

  /** A new object: {@code live} with {@code applied} merged in. Neither argument is modified. */
  static ObjectNode merge(JsonNode live, JsonNode applied) {
    ObjectNode result = ((ObjectNode) live).deepCopy();
    mergeInto(result, applicable(applied));
    return result;
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
