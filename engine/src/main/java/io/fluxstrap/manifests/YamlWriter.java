package io.fluxstrap.manifests;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes a JSON tree as block YAML in the layout Kubernetes tools emit: two-space indentation,
 * sequences flush with their key, keys in the tree's order, multi-line text as literal blocks.
 * Deterministic: the same tree always gives the same text.
 */
final class YamlWriter {
  private YamlWriter() {}

  /** The YAML text of {@code root} (an object), ending with a newline, without a {@code ---} marker. */
  static String write(JsonNode root) {
    if (!root.isObject()) throw new IllegalArgumentException("a YAML document here must be a mapping");
    StringBuilder out = new StringBuilder();
    if (root.isEmpty()) return "{}\n";
    writeMap(out, root, 0, false);
    return out.toString();
  }

  private static void writeMap(StringBuilder out, JsonNode map, int indent, boolean afterDash) {
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (!(first && afterDash)) out.append(" ".repeat(indent));
      first = false;
      out.append(YamlScalars.scalar(e.getKey())).append(':');
      JsonNode v = e.getValue();
      if (v.isObject() && !v.isEmpty()) {
        out.append('\n');
        writeMap(out, v, indent + 2, false);
      } else if (v.isArray() && !v.isEmpty()) {
        out.append('\n');
        writeSeq(out, v, indent, false);
      } else {
        writeInline(out, v, indent + 2);
      }
    }
  }

  private static void writeSeq(StringBuilder out, JsonNode seq, int indent, boolean afterDash) {
    boolean first = true;
    for (JsonNode v : seq) {
      if (!(first && afterDash)) out.append(" ".repeat(indent));
      first = false;
      out.append('-');
      if (v.isObject() && !v.isEmpty()) {
        out.append(' ');
        writeMap(out, v, indent + 2, true);
      } else if (v.isArray() && !v.isEmpty()) {
        out.append(' ');
        writeSeq(out, v, indent + 2, true);
      } else {
        writeInline(out, v, indent + 2);
      }
    }
  }

  /** A scalar, an empty collection or a literal block, after a key's colon or a dash. */
  private static void writeInline(StringBuilder out, JsonNode v, int blockIndent) {
    out.append(' ');
    if (v.isObject()) out.append("{}\n");
    else if (v.isArray()) out.append("[]\n");
    else if (v.isNull() || v.isMissingNode()) out.append("null\n");
    else if (v.isBoolean() || v.isNumber()) out.append(v.asString()).append('\n');
    else if (v.isString() && fitsLiteralBlock(v.asString())) writeLiteral(out, v.asString(), blockIndent);
    else if (v.isString()) out.append(YamlScalars.scalar(v.asString())).append('\n');
    else throw new IllegalArgumentException("cannot write a " + v.getNodeType() + " node as YAML");
  }

  private static void writeLiteral(StringBuilder out, String s, int indent) {
    int trailing = 0;
    while (trailing < s.length() && s.charAt(s.length() - 1 - trailing) == '\n') trailing++;
    out.append(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+").append('\n');
    String body = s.substring(0, s.length() - trailing);
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) out.append(" ".repeat(indent)).append(line);
      out.append('\n');
    }
    out.append("\n".repeat(Math.max(0, trailing - 1)));
  }

  /**
   * Literal blocks keep text readable but cannot hold everything: a leading space would need an
   * indentation indicator and whitespace-only lines are ambiguous, so those use quotes instead.
   */
  private static boolean fitsLiteralBlock(String s) {
    if (s.indexOf('\n') < 0 || s.startsWith(" ") || s.startsWith("\n")) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\n' && !YamlScalars.printable(c)) {
        return false;
      }
    }
    for (String line : s.split("\n")) {
      if (!line.isEmpty() && line.isBlank()) return false;
    }
    return true;
  }
}
