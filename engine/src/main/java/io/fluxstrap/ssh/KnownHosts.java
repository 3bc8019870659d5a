package io.fluxstrap.ssh;

import java.util.ArrayList;
import java.util.List;

/** known_hosts text: {@code hosts keyType base64 [comment]} per line. */
public final class KnownHosts {
  private KnownHosts() {}

  /**
   * Parses known_hosts text; skips blank and {@code #} lines and drops trailing comments.
   * Markers ({@code @cert-authority}, {@code @revoked}) are refused rather than silently ignored:
   * ignoring a revocation would trust a key the user has revoked.
   *
   * @throws IllegalArgumentException {@code "line N: ..."} on a bad line
   */
  public static List<HostKey> parse(String text) {
    List<HostKey> keys = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int n = i + 1;
      if (line.startsWith("@")) {
        throw new IllegalArgumentException(
            "line " + n + ": markers such as @cert-authority and @revoked are not supported");
      }
      String[] fields = line.split("\\s+", 4);
      if (fields.length < 3) {
        throw new IllegalArgumentException("line " + n + ": expected 'hosts keytype key'");
      }
      try {
        keys.add(new HostKey(fields[0], fields[1], fields[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + n + ": " + e.getMessage());
      }
    }
    return List.copyOf(keys);
  }

  /** One line per key, each ending in a newline; empty text for no keys. */
  public static String format(List<HostKey> keys) {
    StringBuilder out = new StringBuilder();
    for (HostKey key : keys) {
      out.append(key.line()).append('\n');
    }
    return out.toString();
  }
}
