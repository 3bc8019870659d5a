package io.fluxstrap.spec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A cluster's folder inside its repository, normalised to {@code a/b} ({@code ""} for the root).
 * Whatever escapes or aliases the folder is refused rather than cleaned up, so that two spellings
 * never name the same folder; so is whatever Git itself would refuse to commit or check out (its
 * {@code verify_path} rules, with {@code core.protectNTFS} as Git sets it by default), since such
 * a path would only fail at the push, after the repository and state were touched.
 */
final class RepoPaths {
  /** Longest folder name most file systems allow, in bytes. */
  static final int MAX_SEGMENT_BYTES = 255;

  private RepoPaths() {}

  static Normalized normalize(String raw) {
    String path = raw;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Normalized.problem(String.format("path must not contain control characters (U+%04X at character %d)", (int) c, i + 1));
      }
    }
    if (path.indexOf('\\') >= 0) return Normalized.problem("path must use '/' between folders, not '\\'");
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      return Normalized.problem("path must be relative to the repository root");
    }
    if (path.startsWith("./")) path = path.substring(2);
    if (path.isEmpty()) return Normalized.of("");
    if (path.endsWith("/")) return Normalized.problem("path must not end with '/' (write '" + SpecLimits.shown(path.replaceAll("/+$", "")) + "')");
    for (String segment : path.split("/", -1)) {
      String problem = segment(segment);
      if (problem != null) return Normalized.problem(problem);
    }
    return Normalized.of(path);
  }

  private static String segment(String s) {
    if (s.equals("..")) return "path escapes the repository ('..')";
    if (s.equals(".")) return "path must not contain '.' folders";
    if (s.isEmpty()) return "path must not contain empty folders ('//')";
    if (isDotGit(s)) return "path must not contain a '" + SpecLimits.shown(s) + "' folder (Git refuses to commit into its own folder)";
    if (s.endsWith(".") || s.endsWith(" ")) {
      return "folder '" + SpecLimits.shown(s) + "' must not end with '.' or a space (Git refuses such paths on Windows checkouts)";
    }
    if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      return "folder '" + SpecLimits.shown(s) + "' is longer than " + MAX_SEGMENT_BYTES + " bytes";
    }
    return null;
  }

  /** {@code .git} in any case, and its NTFS short name {@code git~1}. */
  private static boolean isDotGit(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    return lower.equals(".git") || lower.equals("git~1");
  }
}
