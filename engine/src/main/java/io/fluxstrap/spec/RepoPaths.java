package io.fluxstrap.spec;

/**
 * A cluster's folder inside its repository, normalised to {@code a/b} ({@code ""} for the root).
 * Whatever escapes or aliases the folder is refused rather than cleaned up, so that two spellings
 * never name the same folder.
 */
final class RepoPaths {
  private RepoPaths() {}

  static Normalized normalize(String raw) {
    String path = raw;
    if (path.indexOf('\\') >= 0) return Normalized.problem("path must use '/' between folders, not '\\'");
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      return Normalized.problem("path must be relative to the repository root");
    }
    if (path.startsWith("./")) path = path.substring(2);
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    if (path.isEmpty()) return Normalized.of("");
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) return Normalized.problem("path escapes the repository ('..')");
      if (segment.equals(".")) return Normalized.problem("path must not contain '.' folders");
      if (segment.isEmpty()) return Normalized.problem("path must not contain empty folders ('//')");
    }
    return Normalized.of(path);
  }
}
