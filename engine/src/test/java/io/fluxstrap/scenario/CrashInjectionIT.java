package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash injection: the quickstart's apply runs in its own JVM and is killed at step boundaries
 * (seen in its progress lines on stderr) and once in the middle of a state write. After each kill
 * the next apply (after force-unlock) carries on; in the end the branch holds exactly the one
 * commit of a clean apply, no temporary file is left and plan finds nothing to do. Ctrl-C (SIGINT)
 * stops at the next boundary with state recorded and no lock left; a second signal (SIGTERM) stops at once,
 * still releasing the lock. A handful of kills only: each costs a JVM start.
 */
class CrashInjectionIT {
  static final String SPEC = "examples/quickstart.yaml";
  static final String TOKEN = "crash-test-token";
  static final Pattern STEP = Pattern.compile("^\\[(\\d+)/(\\d+)\\] (\\S+):");

  @TempDir Path tmp;

  @Test
  void killedAtStepBoundariesAndInAStateWriteTheNextApplyConverges() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN);

    // Every step boundary, one after the other: each run resumes what the killed one left and is
    // itself killed when it starts the next step (the first three steps are one unit: render and
    // commit live in memory until the push, so a run killed before the push starts them again).
    List<String> boundaries = List.of("repository.fleet.commit", "repository.fleet.push", "cluster.sandbox.namespace",
        "cluster.sandbox.secret", "cluster.sandbox.components", "cluster.sandbox.sync", "cluster.sandbox.health");
    for (String boundary : boundaries) {
      if (boundary.equals("cluster.sandbox.secret")) {
        // once in the middle of a state write (temporary file written, not renamed): the write after the namespace step
        Run inWrite = Run.start(tmp, List.of("-Dfluxstrap.crashtest.pauseInStateWrite=1"));
        inWrite.killWhen(() -> temporaryFiles().stream().anyMatch(CrashInjectionIT::stateTemporary), "KILL");
        assertTrue(temporaryFiles().stream().anyMatch(CrashInjectionIT::stateTemporary), "killed with the temporary state file written");
        forceUnlock(cli);
      }
      Run run = Run.start(tmp, List.of());
      run.killAt(l -> step(l, boundary), "KILL");
      if (boundary.startsWith("repository.")) {
        assertEquals(0, commits(), "nothing pushed before the push step (" + boundary + ")");
      } else {
        assertEquals(1, commits(), "one commit once pushed (" + boundary + ")");
      }
      forceUnlock(cli);
    }

    CliRunner.Result last = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, last.exit(), last::toString);
    assertFalse(last.out().contains("repository.fleet.push"), "nothing pushed again: " + last.out());
    assertConverged(cli);
  }

  @Test
  void ctrlCStopsAtTheNextStepBoundaryAndASecondStopsAtOnceBothReleasingTheLock() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN);

    Run once = Run.start(tmp, List.of());
    once.signalAt(l -> step(l, "repository.fleet.push"), 1);
    assertEquals(130, once.exit(), once.lines().toString());
    // the signal came during the push (step 3): it finishes, and is the last step done (rarely, under load, the next one)
    String interrupted = once.lines().stream().filter(l -> l.startsWith("Interrupted: ")).findFirst().orElse("");
    Matcher done = Pattern.compile("Interrupted: (\\d+) of 8 steps done; run apply again to finish").matcher(interrupted);
    assertTrue(done.matches(), once.lines().toString());
    assertEquals(Integer.parseInt(done.group(1)), once.lines().stream().filter(l -> l.strip().startsWith("done: ")).count(),
        "N counts the steps finished: " + once.lines());
    assertTrue(Integer.parseInt(done.group(1)) >= 3, once.lines().toString());
    assertTrue(once.seen(l -> l.contains("done: pushed")), "the push in progress finished: " + once.lines());
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json.lock")), "no lock left");
    assertEquals(1, commits());

    Run twice = Run.start(tmp, List.of());
    twice.signalAt(l -> step(l, "cluster.sandbox.components"), 2); // SIGINT, then SIGTERM
    assertEquals(143, twice.exit(), "stopped by the SIGTERM: " + twice.lines());
    assertTrue(twice.seen(l -> l.contains("Released the state lock")), twice.lines().toString());
    assertTrue(twice.seen(l -> l.contains("Interrupt received")), twice.lines().toString());
    assertFalse(twice.seen(l -> l.matches("\\s*done: \\d+ objects applied.*")), "stopped at once, not after the step: " + twice.lines());
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json.lock")), "no lock left");

    CliRunner.Result last = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, last.exit(), last::toString);
    assertConverged(cli);
  }

  private void assertConverged(CliRunner cli) throws IOException {
    assertEquals(1, commits(), "exactly the one commit of a clean apply");
    GitCli git = GitCli.isolated();
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    assertEquals("Add Flux v2.9.5 component and sync manifests", git.ok(bare, "log", "-1", "--format=%s", "main").strip());
    assertEquals(List.of("clusters/sandbox/flux-system/gotk-components.yaml", "clusters/sandbox/flux-system/gotk-sync.yaml",
        "clusters/sandbox/flux-system/kustomization.yaml"),
        git.ok(bare, "ls-tree", "-r", "--name-only", "main").lines().toList());
    assertEquals(List.of(), temporaryFiles(), "no temporary file left");
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json.lock")), "no lock left");
    Path objects = tmp.resolve("state/sandbox/cluster/objects.json");
    byte[] before = Files.readAllBytes(objects);
    CliRunner.Result plan = cli.run("plan", "-f", SPEC, "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(objects), "plan reads the sandbox read-only");
  }

  private static boolean step(String line, String address) {
    Matcher m = STEP.matcher(line);
    return m.find() && m.group(3).equals(address);
  }

  private int commits() {
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    if (!Files.exists(bare.resolve("refs/heads/main")) && !Files.exists(bare.resolve("packed-refs"))) return 0;
    return Integer.parseInt(GitCli.isolated().ok(bare, "rev-list", "--count", "main").strip());
  }

  private static boolean stateTemporary(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(".quickstart.state.json.") && !name.contains(".backup.") && name.endsWith(".tmp");
  }

  private List<Path> temporaryFiles() {
    try (Stream<Path> files = Files.list(tmp.resolve("state"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void forceUnlock(CliRunner cli) {
    CliRunner.Result apply = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(1, apply.exit(), "the dead run's lock blocks: " + apply);
    Matcher m = Pattern.compile("fluxstrap force-unlock (\\S+)").matcher(apply.err());
    assertTrue(m.find(), "the message says how to unlock: " + apply.err());
    CliRunner.Result unlocked = cli.run("force-unlock", m.group(1), "-f", SPEC);
    assertEquals(0, unlocked.exit(), unlocked::toString);
  }

  /** One apply in its own JVM, its stderr read line by line. */
  private static final class Run {
    private final Process process;
    private final BufferedReader err;
    private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Run(Process process) {
      this.process = process;
      this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    }

    static Run start(Path dir, List<String> jvmOptions) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.fluxstrap.cli.Main", "apply", "-f", SPEC, "--auto-approve"));
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.environment().put("GIT_PASSWORD", TOKEN);
      pb.environment().put("NO_COLOR", "1");
      pb.environment().put("FLUXSTRAP_CACHE_DIR", dir.resolve(".cache").toString());
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      return new Run(pb.start());
    }

    /** Reads stderr until {@code at} matches a line, then sends SIGKILL (or SIGINT). */
    void killAt(Predicate<String> at, String signal) throws Exception {
      String line;
      while ((line = err.readLine()) != null) {
        lines.add(line);
        if (at.test(line)) {
          send(signal);
          break;
        }
      }
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended");
      assertTrue(lines.stream().anyMatch(at), "the run reached the kill point: " + lines);
      drain();
    }

    /** Polls {@code condition} while the process runs, then sends {@code signal}. */
    void killWhen(java.util.function.BooleanSupplier condition, String signal) throws Exception {
      Thread reader = new Thread(this::drain);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!condition.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
      assertTrue(process.isAlive(), "still running when the condition held: " + lines);
      send(signal);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended");
      reader.join();
    }

    /** Sends a SIGINT (and a SIGTERM after it when {@code count} is 2) once {@code at} matches a line, then reads to the end. */
    void signalAt(Predicate<String> at, int count) throws Exception {
      String line;
      while ((line = err.readLine()) != null) {
        lines.add(line);
        if (at.test(line)) {
          for (int i = 0; i < count; i++) {
            send(i == 0 ? "INT" : "TERM");
            if (i + 1 < count) waitForLine(l -> l.startsWith("Interrupt received"));
          }
          break;
        }
      }
      drain();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended");
    }

    private void waitForLine(Predicate<String> p) throws IOException {
      String line;
      while ((line = err.readLine()) != null) {
        lines.add(line);
        if (p.test(line)) return;
      }
    }

    private void send(String signal) throws Exception {
      if (signal.equals("KILL")) {
        process.destroyForcibly();
        return;
      }
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private void drain() {
      try {
        String line;
        while ((line = err.readLine()) != null) lines.add(line);
      } catch (IOException e) {
        // the process is gone
      }
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    boolean seen(Predicate<String> p) {
      return lines().stream().anyMatch(p);
    }

    int exit() {
      return process.exitValue();
    }
  }
}
