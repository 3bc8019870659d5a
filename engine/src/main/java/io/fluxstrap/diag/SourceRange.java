package io.fluxstrap.diag;

import java.nio.file.Path;

/** Where in a user's file a diagnostic points. Lines and columns are 1-based; 0 means unknown. */
public record SourceRange(Path file, int line, int column) {
  public SourceRange {
    if (line < 0 || column < 0) throw new IllegalArgumentException("negative position");
  }

  public static SourceRange of(Path file) {
    return new SourceRange(file, 0, 0);
  }

  /** {@code file:line:col}, or as much of it as is known. */
  public String render() {
    String f = file == null ? "<input>" : file.toString();
    if (line == 0) return f;
    return f + ":" + line + ":" + (column == 0 ? 1 : column);
  }
}
