package io.fluxstrap.cli;

import java.nio.file.Path;

/** The process entry point: wires the real streams, environment and terminal into {@link Cli}. */
public final class Main {
  /** Runs one command line; {@link Cli#run} in production, anything in tests. */
  @FunctionalInterface
  interface Runner {
    int run(String[] args, Io io);
  }

  private Main() {}

  public static void main(String[] args) {
    // Libraries (Vert.x, Netty) log through java.util.logging; nothing below the CLI prints. Set as
    // a property, the silencing costs nothing unless a library starts java.util.logging.
    System.setProperty("java.util.logging.config.class", SilentLogging.class.getName());
    Signals.install(System.err);
    Io io = new Io(System.in, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(), Terminal.system());
    // A thread that dies of an unexpected exception prints one line, never the JVM's stack trace.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LastResort.report(e, io.err(), io.env()));
    int code = run(args, io, new Cli()::run);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * The last resort: whatever {@code runner} throws (a bug, a StackOverflowError, an error in a
   * library's static initialiser) becomes one line on stderr and exit code 1.
   */
  static int run(String[] args, Io io, Runner runner) {
    try {
      return runner.run(args, io);
    } catch (Throwable t) {
      LastResort.report(t, io.err(), io.env());
      return ExitCode.ERROR;
    }
  }
}
