package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class YamlWriterTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void writesKubernetesLayout() {
    ObjectNode root = F.objectNode();
    root.put("kind", "Deployment");
    ObjectNode spec = root.putObject("spec");
    spec.put("replicas", 1);
    ArrayNode containers = spec.putArray("containers");
    ObjectNode c = containers.addObject();
    c.put("name", "manager");
    c.putArray("args").add("--log-level=info").add("--watch-all-namespaces=true");
    c.putObject("resources");
    spec.putArray("volumes");
    spec.put("paused", false);
    spec.putNull("nothing");
    assertEquals("""
        kind: Deployment
        spec:
          replicas: 1
          containers:
          - name: manager
            args:
            - --log-level=info
            - --watch-all-namespaces=true
            resources: {}
          volumes: []
          paused: false
          nothing: null
        """, YamlWriter.write(root));
  }

  @Test
  void multiLineTextBecomesALiteralBlock() {
    ObjectNode root = F.objectNode();
    root.put("keep", "line one\nline two\n");
    root.put("strip", "line one\n\nline three");
    root.put("extra", "a\nb\n\n\n");
    assertEquals("keep: |\n  line one\n  line two\nstrip: |-\n  line one\n\n  line three\nextra: |+\n  a\n  b\n\n\n",
        YamlWriter.write(root));
    assertEquals(root, ManifestObjects.YAML.readTree(YamlWriter.write(root)));
  }

  @Test
  void trickyTreesRoundTrip() {
    ObjectNode root = F.objectNode();
    String[] strings = {"yes", "1.0", "", " lead", "a: b", "#c", "x\ty", "  indented\nblock", "ws\n  \nline",
        "\nleading newline", "trailing space \nx", "- dash", "ünï", "[a, b]", "{a: b}", "--- x", "a\r\nb"};
    ArrayNode list = root.putArray("strings");
    for (String s : strings) list.add(s);
    ObjectNode map = root.putObject("keys");
    for (String s : strings) map.put(s.isEmpty() ? "empty" : s, s);
    ArrayNode nested = root.putArray("nested");
    nested.addArray().add(1).add(2.5).addArray().add("deep");
    nested.addObject().put("a", true).putObject("b").putArray("c").addObject();
    nested.addArray();
    nested.addObject();
    nested.addNull();
    root.putObject("empty");
    JsonNode back = ManifestObjects.YAML.readTree(YamlWriter.write(root));
    assertEquals(root, back, YamlWriter.write(root));
  }
}
