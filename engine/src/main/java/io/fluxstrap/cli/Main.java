package io.fluxstrap.cli;

import java.nio.file.Path;

/** The process entry point: wires the real streams, environment and terminal into {@link Cli}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Libraries (Vert.x, Netty, JGit) log through java.util.logging; nothing below the CLI prints.
    java.util.logging.LogManager.getLogManager().reset();
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
    Signals.install(System.err);
    Io io = new Io(System.in, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), Terminal.system());
    int code = new Cli().run(args, io);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }
}
