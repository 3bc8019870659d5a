package io.fluxstrap.spec;

import io.fluxstrap.diag.SourceRange;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a parsed YAML document sits in its file, by JSON pointer ({@code ""} is the
 * document, {@code /clusters/prod/path} a value). A mapping entry has two positions: its key (where
 * "unknown key" points) and its value (where "expected a string" points); a list item's two
 * positions are the same.
 */
final class SourceMap {
  private record Entry(SourceRange key, SourceRange value) {}

  private final Path file;
  private final Map<String, Entry> entries = new HashMap<>();
  // Literal block scalars ("key: |"): the column their content lines start at, by pointer.
  private final Map<String, Integer> literalBlocks = new HashMap<>();

  SourceMap(Path file) {
    this.file = file;
  }

  void put(String pointer, int keyLine, int keyColumn, int valueLine, int valueColumn) {
    entries.put(
        pointer,
        new Entry(new SourceRange(file, keyLine, keyColumn), new SourceRange(file, valueLine, valueColumn)));
  }

  /** Marks the value at {@code pointer} as a literal block whose content starts at {@code column}. */
  void putLiteralBlock(String pointer, int column) {
    literalBlocks.put(pointer, column);
  }

  /**
   * Line {@code n} (1-based) of the text at {@code pointer}: exact for a literal block scalar, whose
   * lines map one to one onto the file's; otherwise the key, as a folded or quoted value's lines do
   * not.
   */
  SourceRange line(String pointer, int n) {
    Integer column = literalBlocks.get(pointer);
    if (column == null) return key(pointer);
    return new SourceRange(file, value(pointer).line() + n, column);
  }

  /** The key of the entry at {@code pointer}; for the document itself, 1:1. */
  SourceRange key(String pointer) {
    return find(pointer).key();
  }

  /** The value at {@code pointer}; falls back to the nearest ancestor the file has. */
  SourceRange value(String pointer) {
    return find(pointer).value();
  }

  private Entry find(String pointer) {
    for (String p = pointer; ; p = parent(p)) {
      Entry e = entries.get(p);
      if (e != null) return e;
      if (p.isEmpty()) return new Entry(new SourceRange(file, 1, 1), new SourceRange(file, 1, 1));
    }
  }

  static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }

  /** The unescaped last segment of {@code pointer} ({@code ""} for the document). */
  static String lastSegment(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }
}
