package io.fluxstrap.manifests;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides how a string is written in YAML: plain when every YAML 1.1 and 1.2 reader (Go's
 * {@code sigs.k8s.io/yaml}, kubectl, snakeyaml) reads it back as the same string, double-quoted
 * otherwise. Conservative on purpose: quoting too much is ugly, quoting too little turns a branch
 * named {@code 1.0} or {@code yes} into a number or a boolean on the cluster.
 */
final class YamlScalars {
  private YamlScalars() {}

  /**
   * How a plain scalar may start: not with an indicator character, except a dash that cannot be
   * read as a list item or a document marker ({@code --log-level=info} is fine, {@code - a} is not).
   */
  private static final Pattern SAFE_START = Pattern.compile("([A-Za-z0-9_./]|-(?![ -]|$)|--(?!-)).*", Pattern.DOTALL);
  /** Anything a YAML 1.1 reader could take for a number (ints, floats, hex, octal, sexagesimal). */
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?[0-9.][0-9a-fA-FxXoObB_.:+eE-]*");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|nan)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?", Pattern.DOTALL);
  private static final Set<String> RESERVED =
      Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "=", "<<");

  /** True when {@code s} can be written without quotes. */
  static boolean isPlainSafe(String s) {
    if (s.isEmpty() || !SAFE_START.matcher(s).matches() || !s.equals(s.strip())) return false;
    for (int i = 0; i < s.length(); i++) {
      if (!printable(s.charAt(i))) return false;
    }
    // ": " starts a mapping value, " #" a comment, "..." ends a document: all change the meaning.
    if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.startsWith("..")) return false;
    if (RESERVED.contains(s.toLowerCase(Locale.ROOT))) return false;
    return !NUMBER_LIKE.matcher(s).matches()
        && !SPECIAL_FLOAT.matcher(s).matches()
        && !TIMESTAMP.matcher(s).matches();
  }

  /** Printable on one line: no control characters, no tabs, no Unicode line breaks or BOM. */
  static boolean printable(char c) {
    return c >= 0x20 && c != 0x7f && c != 0x85 && c != 0x2028 && c != 0x2029 && c != 0xfeff;
  }

  /** {@code s} as a YAML scalar: plain when safe, else double-quoted with escapes. */
  static String scalar(String s) {
    return isPlainSafe(s) ? s : doubleQuoted(s);
  }

  static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (!printable(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
