package io.fluxstrap.spec;

import io.fluxstrap.diag.Diagnostics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the readers share while turning a schema-checked tree into records: the tree, where each
 * value came from, the values the schema already rejected (never reported twice), and where
 * relative paths start. Readers tolerate any shape; a value the schema rejected reads as absent.
 */
final class ReadContext {
  private final JsonNode root;
  private final SourceMap positions;
  private final Set<String> invalid;
  private final Diagnostics diagnostics;
  private final Path folder;
  private final Map<String, String> env;

  ReadContext(JsonNode root, SourceMap positions, Set<String> invalid, Diagnostics diagnostics, Path folder, Map<String, String> env) {
    this.root = root;
    this.positions = positions;
    this.invalid = invalid;
    this.diagnostics = diagnostics;
    this.folder = folder;
    this.env = env;
  }

  boolean has(String pointer) {
    return !root.at(pointer).isMissingNode();
  }

  /** Whether the schema accepted the value at {@code pointer} (so semantic checks may run). */
  boolean valid(String pointer) {
    return has(pointer) && !invalid.contains(pointer);
  }

  /** The string at {@code pointer}; {@code fallback} when absent or already reported as invalid. */
  String text(String pointer, String fallback) {
    JsonNode node = root.at(pointer);
    return valid(pointer) && node.isString() ? node.asString() : fallback;
  }

  boolean bool(String pointer, boolean fallback) {
    JsonNode node = root.at(pointer);
    return valid(pointer) && node.isBoolean() ? node.booleanValue() : fallback;
  }

  /** The integer at {@code pointer}; {@code fallback} when absent or already reported as invalid. */
  int integer(String pointer, int fallback) {
    JsonNode node = root.at(pointer);
    return valid(pointer) && node.isNumber() ? node.intValue() : fallback;
  }

  /**
   * The Go duration at {@code pointer} ({@code fallback} when absent or invalid). Zero is valid Go
   * but never a sensible interval or timeout, so it is reported.
   */
  Duration duration(String pointer, Duration fallback) {
    String raw = text(pointer, null);
    if (raw == null) return fallback;
    String name = SourceMap.lastSegment(pointer);
    Duration d = GoDurations.parse(raw).orElse(null);
    if (d == null) {
      error(pointer, "invalid " + name + " '" + SpecLimits.shown(raw) + "' (expected a duration such as 30s, 1m0s or 1h30m)");
      return fallback;
    }
    if (d.isZero()) error(pointer, "'" + name + "' must be greater than zero");
    return d;
  }

  /** The string items of the list at {@code pointer}, or {@code fallback} when there is no usable list. */
  List<String> texts(String pointer, List<String> fallback) {
    JsonNode node = root.at(pointer);
    if (!valid(pointer) || !node.isArray()) return fallback;
    List<String> items = new ArrayList<>();
    node.forEach(item -> items.add(item.isString() ? item.asString() : ""));
    return items;
  }

  /** The keys of the mapping at {@code pointer}, in file order (none when it is not a mapping). */
  List<String> keys(String pointer) {
    JsonNode node = root.at(pointer);
    return node.isObject() ? List.copyOf(node.propertyNames()) : List.of();
  }

  /** Where the value at {@code pointer} stands in the file. */
  io.fluxstrap.diag.SourceRange range(String pointer) {
    return positions.value(pointer);
  }

  void error(String pointer, String message) {
    diagnostics.error(positions.value(pointer), message);
  }

  /** An error about line {@code n} (1-based) of the text at {@code pointer}; see {@link SourceMap#line}. */
  void errorAtLine(String pointer, int n, String message) {
    diagnostics.error(positions.line(pointer, n), message);
  }

  void errorAtKey(String pointer, String message) {
    diagnostics.error(positions.key(pointer), message);
  }

  void warningAtKey(String pointer, String message) {
    diagnostics.warning(positions.key(pointer), message);
  }

  boolean hasErrors() {
    return diagnostics.hasErrors();
  }

  /**
   * A user-written path as an absolute one: {@code ~} is the home folder (from {@code HOME}),
   * anything relative starts at the spec file's folder. Null (reported) when {@code ~} cannot be
   * expanded.
   */
  Path path(String pointer, String raw) {
    String text = raw;
    if (text.equals("~") || text.startsWith("~/")) {
      String home = env.get("HOME");
      if (home == null || home.isEmpty()) {
        error(pointer, "cannot expand '~': HOME is not set");
        return null;
      }
      text = home + text.substring(1);
    }
    try {
      return folder.resolve(text).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      error(pointer, "invalid path (" + e.getReason().toLowerCase(java.util.Locale.ROOT) + ")");
      return null;
    }
  }
}
