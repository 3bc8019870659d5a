package io.fluxstrap.spec;

import io.fluxstrap.diag.SourceRange;
import java.nio.file.Path;

/**
 * How big a spec may be, and how values are shown in messages. A fleet of a thousand clusters
 * is well under a megabyte; the limits are there so that a wrong file (a log, a binary, a
 * generated monster) gets one clear error instead of exhausting memory or the stack.
 */
final class SpecLimits {
  /** Largest spec file, in bytes. */
  static final long MAX_BYTES = 8L * 1024 * 1024;
  /** Largest spec text, in characters (a file of {@link #MAX_BYTES} holds at most this many). */
  static final int MAX_CHARS = (int) MAX_BYTES;
  /** How much of a rejected value a message quotes. */
  static final int QUOTED = 60;

  private SpecLimits() {}

  /** {@code value} for a message: control characters escaped, cut to {@link #QUOTED} characters. */
  static String shown(String value) {
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (count++ == QUOTED) {
        out.append("... (").append(value.codePointCount(0, value.length())).append(" characters)");
        break;
      }
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
        out.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /** Where the {@code index}-th code point of {@code text} is, as a line and column. */
  static SourceRange at(Path file, String text, int index) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < index; seen++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourceRange(file, line, column);
  }
}
