package io.fluxstrap.manifests;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flux release's {@code flux_<version>_checksums.txt}: one {@code <sha256>  <file name>} line
 * per asset (install.yaml, manifests.tar.gz, the CLI archives), as the release tooling writes it.
 */
final class ReleaseChecksums {
  /** A line: 64 hex digits, white space, an optional '*' (binary mode), the file name. */
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+\\*?(\\S+)\\s*");

  private ReleaseChecksums() {}

  /**
   * The lower-case sha256 listed for {@code fileName}.
   *
   * @throws UserException when the file lists no (or more than one different) sum for it
   */
  static String expected(byte[] checksums, String fileName, String where) {
    String found = null;
    for (String line : new String(checksums, StandardCharsets.UTF_8).split("\n")) {
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches() || !m.group(2).equals(fileName)) continue;
      String hex = m.group(1).toLowerCase(java.util.Locale.ROOT);
      if (found != null && !found.equals(hex)) {
        throw new UserException(where + " lists two different checksums for " + fileName);
      }
      found = hex;
    }
    if (found == null) throw new UserException(where + " has no checksum for " + fileName);
    return found;
  }

  /** The last path segment of a URL path: the asset's file name. */
  static String fileName(String path) {
    String p = path == null ? "" : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
