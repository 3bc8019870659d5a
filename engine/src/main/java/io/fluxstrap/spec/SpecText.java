package io.fluxstrap.spec;

import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A spec file's bytes as text. Specs are UTF-8 (a UTF-8 byte order mark is allowed); anything
 * else is refused at the first byte that is not UTF-8, and a UTF-16 or UTF-32 file is named as
 * such, since editors on Windows still save those.
 */
final class SpecText {
  private SpecText() {}

  static String decode(Path file, byte[] bytes) {
    String other = wideEncoding(bytes);
    if (other != null) {
      throw new UserException(new SourceRange(file, 1, 1), "the spec file is " + other + " text; save it as UTF-8");
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      String text = out.flip().toString();
      SourceRange at = SpecLimits.at(file, text, text.codePointCount(0, text.length()));
      throw new UserException(at, String.format("the spec file is not UTF-8 text (byte 0x%02X); save it as UTF-8", bytes[offset] & 0xFF));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** "UTF-16" or "UTF-32" when the bytes start with such a byte order mark or look like it; else null. */
  private static String wideEncoding(byte[] b) {
    if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) return "UTF-32";
    if (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE)) return "UTF-16";
    // Without a byte order mark, ASCII text in UTF-16 has every other byte zero.
    if (b.length >= 4 && ((b[0] == 0 && b[1] != 0 && b[2] == 0) || (b[0] != 0 && b[1] == 0 && b[3] == 0))) return "UTF-16";
    return null;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
    return true;
  }
}
