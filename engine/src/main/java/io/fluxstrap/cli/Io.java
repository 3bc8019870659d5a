package io.fluxstrap.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI reads from or writes to the outside, passed in so that tests run the CLI
 * in-process: streams, environment, working directory, terminal.
 */
public record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path workDir, Terminal terminal) {
  public Io {
    env = Map.copyOf(env);
  }

  /** Colour only on a terminal and when NO_COLOR is not set. */
  public boolean color() {
    return terminal.interactive() && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }
}
