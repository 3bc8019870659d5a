package io.fluxstrap.testing;

import io.fluxstrap.cli.Cli;
import io.fluxstrap.cli.Io;
import io.fluxstrap.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the CLI in-process with its own streams, environment and working directory, and keeps
 * every byte it ever printed so that tests can scan all output for secrets.
 */
public final class CliRunner {
  public record Result(int exit, String out, String err) {
    public String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();
  private final StringBuilder everything = new StringBuilder();
  private String stdin = "";
  private Terminal terminal = Terminal.NONE;

  public CliRunner(Path workDir) {
    this.workDir = workDir;
    env.put("NO_COLOR", "1");
    env.put("FLUXSTRAP_CACHE_DIR", workDir.resolve(".cache").toString());
  }

  public CliRunner env(String name, String value) {
    if (value == null) env.remove(name);
    else env.put(name, value);
    return this;
  }

  public CliRunner stdin(String text) {
    this.stdin = text;
    return this;
  }

  public CliRunner terminal(Terminal t) {
    this.terminal = t;
    return this;
  }

  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, workDir, terminal);
    int code = new Cli().run(args, io);
    Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    everything.append(r.out).append(r.err);
    return r;
  }

  /** All output of every run so far. */
  public String everything() {
    return everything.toString();
  }
}
