package io.fluxstrap.manifests;

import io.fluxstrap.diag.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Splits multi-document YAML (a release's {@code install.yaml}, a rendered
 * {@code gotk-components.yaml}) into objects, keeping each document's text as it was so that
 * rendering never reformats what Flux shipped.
 */
public final class ManifestObjects {
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  /** A document start marker line: {@code ---}, optionally followed by a comment. */
  private static final Pattern SEPARATOR = Pattern.compile("---[ \\t]*(#.*)?\\r?");
  private static final Pattern DOCUMENT_END = Pattern.compile("\\.\\.\\.[ \\t]*(#.*)?\\r?");

  private ManifestObjects() {}

  /**
   * The objects of {@code yaml} in file order. Documents holding only comments or blank lines are
   * skipped. {@code source} names the input in error messages.
   *
   * @throws UserException when a document is not YAML or not a Kubernetes object
   */
  public static List<ManifestObject> split(String yaml, String source) {
    List<ManifestObject> objects = new ArrayList<>();
    StringBuilder doc = new StringBuilder();
    int docLine = 1;
    int lineNo = 0;
    for (String line : yaml.split("\n", -1)) {
      lineNo++;
      if (SEPARATOR.matcher(line).matches() || DOCUMENT_END.matcher(line).matches()) {
        addDocument(objects, doc.toString(), docLine, source);
        doc.setLength(0);
        docLine = lineNo + 1;
      } else if (line.startsWith("--- ") || line.startsWith("---\t")) {
        throw new UserException(source + ":" + lineNo + ": content on a '---' line is not supported");
      } else {
        doc.append(line).append('\n');
      }
    }
    // split(-1) yields one empty string after a final newline: do not invent a blank line.
    String last = doc.toString();
    if (yaml.endsWith("\n") && last.endsWith("\n")) last = last.substring(0, last.length() - 1);
    addDocument(objects, last, docLine, source);
    return List.copyOf(objects);
  }

  /** Whether a document's text holds nothing but blank lines and comments. */
  static boolean isBlank(String text) {
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) return false;
    }
    return true;
  }

  private static void addDocument(List<ManifestObject> out, String text, int line, String source) {
    if (isBlank(text)) return;
    if (!text.endsWith("\n")) text = text + "\n";
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JacksonException e) {
      throw new UserException(source + ":" + line + ": document is not valid YAML: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new UserException(source + ":" + line + ": document is not a Kubernetes object (expected a mapping)");
    }
    String apiVersion = text(tree.path("apiVersion"));
    String kind = text(tree.path("kind"));
    JsonNode metadata = tree.path("metadata");
    String name = text(metadata.path("name"));
    if (apiVersion == null || kind == null || name == null) {
      throw new UserException(source + ":" + line + ": document lacks apiVersion, kind or metadata.name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    metadata.path("labels").forEachEntry((k, v) -> labels.put(k, v.isValueNode() ? v.asString() : v.toString()));
    out.add(new ManifestObject(apiVersion, kind, name, text(metadata.path("namespace")), labels, line, text));
  }

  private static String text(JsonNode node) {
    return node.isString() && !node.asString().isEmpty() ? node.asString() : null;
  }
}
