package io.fluxstrap.manifests;

/** A file to commit: its path relative to the repository root ({@code /}-separated) and its text. */
public record RenderedFile(String path, String content) {
  public RenderedFile {
    if (path == null || path.isEmpty() || path.startsWith("/")) throw new IllegalArgumentException("repo-relative path required");
    if (content == null) throw new IllegalArgumentException("content required");
  }
}
