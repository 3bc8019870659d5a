package io.fluxstrap.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion with a timeout, capturing its output. Tests use it for
 * the real {@code git}, {@code openssl} and {@code apt-get}; a hung program is killed, never waited
 * for forever.
 */
public final class Exec {
  private Exec() {}

  /** Exit code and captured output of one run. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public Result {
      command = List.copyOf(command);
    }

    public boolean ok() {
      return exitCode == 0;
    }

    /** Returns stdout, or throws with everything a failing test needs to explain itself. */
    public String stdoutOrThrow() {
      if (!ok()) {
        throw new IllegalStateException(describe());
      }
      return stdout;
    }

    public String describe() {
      return String.join(" ", command) + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  public static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        return new Result(command, -1, out.getNow(""), err.getNow("") + "\n(killed after " + timeout + ")");
      }
      return new Result(command, p.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(output lost: " + e.getMessage() + ")";
          }
        });
  }

  /** Stops a server process: politely, then forcibly after 5 s. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
