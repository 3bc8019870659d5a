package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main's last resort: whatever escapes a command becomes one line and exit code 1, never a trace. */
class MainTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Io io(Map<String, String> env) {
    return new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, tmp, Terminal.NONE);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anUnexpectedExceptionIsOneLineAndExitOne() {
    int code = Main.run(new String[] {"plan"}, io(Map.of()), (args, io) -> {
      throw new IllegalStateException("cannot happen:\n\tat some.Frame(Frame.java:1)");
    });
    assertEquals(1, code);
    assertEquals("internal error: IllegalStateException: cannot happen: at some.Frame(Frame.java:1); please report it with the command you ran\n", err());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anErrorSuchAsAStackOverflowIsCaughtToo() {
    int code = Main.run(new String[] {"validate"}, io(Map.of()), (args, io) -> recurse(0));
    assertEquals(1, code);
    assertEquals("internal error: StackOverflowError; please report it with the command you ran\n", err());
  }

  @Test
  void aLongMessageIsCutShort() {
    Main.run(new String[0], io(Map.of()), (args, io) -> {
      throw new IllegalArgumentException("x".repeat(10_000));
    });
    String line = err().strip();
    assertTrue(line.length() < LastResort.MAX_MESSAGE + 120, line);
    assertTrue(line.endsWith("...; please report it with the command you ran"), line);
  }

  @Test
  void fluxstrapDebugAddsTheStackTrace() {
    Main.run(new String[0], io(Map.of("FLUXSTRAP_DEBUG", "1")), (args, io) -> {
      throw new UnsupportedOperationException("nope");
    });
    assertTrue(err().startsWith("internal error: UnsupportedOperationException: nope; please report it with the command you ran\n"), err());
    assertTrue(err().contains("\tat io.fluxstrap.cli.MainTest"), err());
  }

  @Test
  void aNormalExitCodePassesThrough() {
    assertEquals(0, Main.run(new String[] {"version"}, io(Map.of()), new Cli()::run));
    assertEquals(2, Main.run(new String[0], io(Map.of()), (args, io) -> 2));
  }

  private static int recurse(int n) {
    return recurse(n + 1) + 1;
  }
}
