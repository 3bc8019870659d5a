package io.fluxstrap.spec;

import java.util.Optional;

/** Git's rules for a branch name ({@code git check-ref-format --branch}), without calling Git. */
final class BranchNames {
  private BranchNames() {}

  /** Why {@code name} is not a valid branch name, or empty when it is. */
  static Optional<String> problem(String name) {
    if (name.isEmpty()) return Optional.of("the branch name is empty");
    if (name.equals("@") || name.equals("HEAD")) return Optional.of("'" + name + "' is not a valid branch name");
    if (name.startsWith("-")) return Optional.of("a branch name cannot start with '-'");
    if (name.startsWith("refs/")) return Optional.of("give the branch name without 'refs/'");
    if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
      return Optional.of("a branch name cannot start or end with '/' or contain '//'");
    }
    if (name.endsWith(".")) return Optional.of("a branch name cannot end with '.'");
    if (name.contains("..")) return Optional.of("a branch name cannot contain '..'");
    if (name.contains("@{")) return Optional.of("a branch name cannot contain '@{'");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == ' ' || "~^:?*[\\".indexOf(c) >= 0) {
        return Optional.of("a branch name cannot contain " + (c == ' ' ? "spaces" : c < 0x20 || c == 0x7f ? "control characters" : "'" + c + "'"));
      }
    }
    for (String part : name.split("/")) {
      if (part.startsWith(".")) return Optional.of("no part of a branch name can start with '.'");
      if (part.endsWith(".lock")) return Optional.of("no part of a branch name can end with '.lock'");
      // Git keeps each part as a file name (plus ".lock" while writing it): 255 bytes at most.
      if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 250) {
        return Optional.of("no part of a branch name can be longer than 250 bytes");
      }
    }
    return Optional.empty();
  }
}
