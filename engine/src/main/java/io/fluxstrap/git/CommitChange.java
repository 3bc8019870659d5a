package io.fluxstrap.git;

import java.util.List;

/**
 * Files to write in one commit on {@code branch}; {@code baseHead} is the head the plan saw (null: no
 * branch). {@code removeDirs}: folders to remove whole, whatever they hold (absent ones are fine).
 */
public record CommitChange(
    String branch, String baseHead, String message, String authorName, String authorEmail, List<FileWrite> files, List<String> removeDirs) {
  public CommitChange {
    files = List.copyOf(files);
    removeDirs = removeDirs == null ? List.of() : List.copyOf(removeDirs);
  }

  public CommitChange(String branch, String baseHead, String message, String authorName, String authorEmail, List<FileWrite> files) {
    this(branch, baseHead, message, authorName, authorEmail, files, List.of());
  }

  /** A file's new content and the hash ({@code sha256:<hex>}) it must have at head now, null when it must be absent. */
  public record FileWrite(String path, byte[] content, String expectedBeforeHash) {}
}
