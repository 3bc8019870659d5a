package io.fluxstrap.spec;

import io.fluxstrap.diag.Diagnostics;
import io.fluxstrap.diag.SourceRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses one YAML document (YAML 1.2 core schema) into a JSON tree for schema validation, plus a
 * {@link SourceMap} of where every key and value came from. Reports syntax errors, duplicate keys
 * (the first occurrence wins) and non-scalar keys as diagnostics rather than throwing.
 */
final class YamlTree {
  record Parsed(JsonNode root, SourceMap positions) {}

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Path file;
  private final String[] lines;
  private final Diagnostics diagnostics;
  private final SourceMap positions;
  private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlTree(Path file, String text, Diagnostics diagnostics) {
    this.file = file;
    this.lines = text.split("\\R", -1);
    this.diagnostics = diagnostics;
    this.positions = new SourceMap(file);
  }

  /** The document as a mapping, or empty when it cannot be read at all (the reason is reported). */
  static Optional<Parsed> parse(Path file, String text, Diagnostics diagnostics) {
    // Aliases are bounded by what they expand to (YamlBounds), not by how many there are: a
    // fleet spec may well share one "flux: *defaults" among hundreds of clusters.
    LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setAllowNonScalarKeys(true)
        .setMaxAliasesForCollections(Integer.MAX_VALUE).setCodePointLimit(SpecLimits.MAX_CHARS + 1).build();
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Optional<Node> document;
    try {
      if (!YamlBounds.check(file, body, settings, diagnostics)) return Optional.empty();
      document = new Compose(settings).composeString(body);
    } catch (ReaderException e) {
      diagnostics.error(SpecLimits.at(file, body, e.getPosition()), readerMessage(e.getCodePoint()));
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      SourceRange at = e.getProblemMark().or(e::getContextMark).map(m -> range(file, m)).orElse(new SourceRange(file, 1, 1));
      diagnostics.error(at, syntaxMessage(e.getProblem()));
      return Optional.empty();
    } catch (YamlEngineException e) {
      diagnostics.error(new SourceRange(file, 1, 1), syntaxMessage(e.getMessage()));
      return Optional.empty();
    }
    SourceRange start = new SourceRange(file, 1, 1);
    if (document.isEmpty()) {
      diagnostics.error(start, "the spec is empty; it needs at least 'repositories' and 'clusters'");
      return Optional.empty();
    }
    if (!(document.get() instanceof MappingNode)) {
      diagnostics.error(start, "the spec must be a mapping with keys such as 'repositories' and 'clusters'");
      return Optional.empty();
    }
    YamlTree tree = new YamlTree(file, text, diagnostics);
    tree.positions.put("", 1, 1, 1, 1);
    return Optional.of(new Parsed(tree.convert(document.get(), ""), tree.positions));
  }

  private JsonNode convert(Node node, String pointer) {
    if (!onPath.add(node)) {
      diagnostics.error(rangeOf(node), "an alias refers to a node that contains it");
      return JSON.nullNode();
    }
    try {
      if (node instanceof MappingNode mapping) return mapping(mapping, pointer);
      if (node instanceof SequenceNode sequence) return sequence(sequence, pointer);
      ScalarNode scalar = (ScalarNode) node;
      if (scalar.getScalarStyle() == ScalarStyle.LITERAL) markLiteralBlock(scalar, pointer);
      return scalar(scalar);
    } finally {
      onPath.remove(node);
    }
  }

  private ObjectNode mapping(MappingNode mapping, String pointer) {
    ObjectNode object = JSON.objectNode();
    Map<String, Integer> firstLine = new HashMap<>();
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      SourceRange keyAt = rangeOf(keyNode);
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        diagnostics.error(keyAt, "a key must be a plain value, not a list or mapping");
        continue;
      }
      String key = scalarKey.getValue();
      Integer earlier = firstLine.putIfAbsent(key, keyAt.line());
      if (earlier != null) {
        diagnostics.error(keyAt, "duplicate key '" + SpecLimits.shown(key) + "' (first defined on line " + earlier + ")");
        continue;
      }
      String child = SourceMap.child(pointer, key);
      // "key:" with nothing after it: the parser marks the end of the line; the key is clearer.
      SourceRange valueAt = isEmpty(entry.getValueNode()) ? keyAt : rangeOf(entry.getValueNode());
      positions.put(child, keyAt.line(), keyAt.column(), valueAt.line(), valueAt.column());
      object.set(key, convert(entry.getValueNode(), child));
    }
    return object;
  }

  private ArrayNode sequence(SequenceNode sequence, String pointer) {
    ArrayNode array = JSON.arrayNode();
    int index = 0;
    for (Node item : sequence.getValue()) {
      String child = SourceMap.child(pointer, index++);
      SourceRange at = rangeOf(item);
      positions.put(child, at.line(), at.column(), at.line(), at.column());
      array.add(convert(item, child));
    }
    return array;
  }

  /**
   * A literal block's content starts on the line after its '|' header, one file line per text
   * line, at the indentation of its first non-blank line: where a message about line N points.
   */
  private void markLiteralBlock(ScalarNode scalar, String pointer) {
    int header = scalar.getStartMark().map(Mark::getLine).orElse(-1);
    if (header < 0) return;
    for (int i = header + 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) continue;
      positions.putLiteralBlock(pointer, line.length() - line.stripLeading().length() + 1);
      return;
    }
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) && s.getValue().isEmpty();
  }

  /** Scalars keep the YAML 1.2 core type the parser resolved, so "expected a string" can be said. */
  private static JsonNode scalar(ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) return JSON.nullNode();
    if (Tag.BOOL.equals(tag)) return JSON.booleanNode(text.equalsIgnoreCase("true"));
    if (Tag.INT.equals(tag)) return integer(text);
    if (Tag.FLOAT.equals(tag)) return decimal(text);
    return JSON.stringNode(text);
  }

  private static JsonNode integer(String text) {
    String digits = text.startsWith("+") ? text.substring(1) : text;
    try {
      if (digits.startsWith("0x")) return JSON.numberNode(new BigInteger(digits.substring(2), 16));
      if (digits.startsWith("0o")) return JSON.numberNode(new BigInteger(digits.substring(2), 8));
      return JSON.numberNode(new BigInteger(digits));
    } catch (NumberFormatException e) {
      return JSON.stringNode(text);
    }
  }

  private static JsonNode decimal(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".nan")) return JSON.numberNode(Double.NaN);
    if (lower.endsWith(".inf")) return JSON.numberNode(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    try {
      return JSON.numberNode(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
    } catch (NumberFormatException e) {
      return JSON.stringNode(text);
    }
  }

  private SourceRange rangeOf(Node node) {
    return node.getStartMark().map(m -> range(file, m)).orElse(new SourceRange(file, 1, 1));
  }

  private static SourceRange range(Path file, Mark mark) {
    return new SourceRange(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** YAML refuses control characters in the file itself (quoted escapes are the values' checks). */
  private static String readerMessage(int codePoint) {
    String which = codePoint == 0 ? "a NUL byte" : String.format("the control character U+%04X", codePoint);
    return "the spec contains " + which + "; a spec must be plain UTF-8 text";
  }

  /** The parser's problem text, as a short lower-case sentence without a trailing period. */
  static String syntaxMessage(String problem) {
    if (problem == null || problem.isBlank()) return "invalid YAML";
    if (problem.contains("(TAB)")) return "a tab cannot start a token here (indent with spaces, not tabs)";
    String text = problem.strip().replaceAll("\\s+", " ");
    while (text.endsWith(".")) text = text.substring(0, text.length() - 1);
    return "invalid YAML: " + Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
