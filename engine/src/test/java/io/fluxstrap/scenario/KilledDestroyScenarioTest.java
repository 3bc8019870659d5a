package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill during destroy, on the quickstart sandbox: destroy runs in its own JVM and gets
 * SIGKILL once step 3 (deleting the sync objects) is done. The next destroy finishes the job from
 * what state recorded, with one commit removing the folder (not two); the one after says "No
 * changes.". The sandbox's simulated controllers went with the components.
 */
class KilledDestroyScenarioTest {
  static final String SPEC = "examples/quickstart.yaml";
  static final String TOKEN = "kill-destroy-token";

  @TempDir Path tmp;

  @Test
  void aDestroyKilledAfterStep3IsFinishedByTheNextWithoutASecondCommit() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN);
    assertEquals(0, cli.run("apply", "-f", SPEC, "--auto-approve").exit());
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    assertEquals(1, commits(bare));

    Process p = destroyInItsOwnJvm();
    List<String> seen = new ArrayList<>();
    boolean inStep3 = false;
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        seen.add(line);
        if (line.contains("cluster.sandbox.sync: delete Kustomization and GitRepository")) inStep3 = true;
        else if (inStep3 && line.contains("done:")) {
          p.destroyForcibly();
          break;
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed");
    assertTrue(inStep3, "the run reached step 3: " + seen);
    String state = Files.readString(tmp.resolve("state/quickstart.state.json"));
    assertFalse(state.contains("\"cluster.sandbox.sync\""), "step 3 is recorded as done");
    assertTrue(state.contains("\"cluster.sandbox.manifests\""), "the folder is not removed yet");
    assertEquals(1, commits(bare));

    CliRunner.Result locked = cli.run("destroy", "-f", SPEC, "--auto-approve");
    assertEquals(1, locked.exit(), locked::toString);
    Matcher m = Pattern.compile("fluxstrap force-unlock (\\S+)").matcher(locked.err());
    assertTrue(m.find(), locked.err());
    assertEquals(0, cli.run("force-unlock", m.group(1), "-f", SPEC).exit());

    CliRunner.Result resumed = cli.run("destroy", "-f", SPEC, "--auto-approve");
    assertEquals(0, resumed.exit(), resumed::toString);
    assertFalse(resumed.out().contains("cluster.sandbox.sync"), "steps 1-3 are not planned again: " + resumed.out());
    assertTrue(resumed.out().contains("Destroy complete!"), resumed.out());
    assertEquals(2, commits(bare), "one commit removed the folder");
    assertEquals("", GitCli.isolated().ok(bare, "ls-tree", "-r", "--name-only", "main").strip());

    CliRunner.Result again = cli.run("destroy", "-f", SPEC, "--auto-approve");
    assertEquals(0, again.exit(), again::toString);
    assertTrue(again.out().contains("No changes."), again.out());
    assertFalse(Files.readString(tmp.resolve("state/quickstart.state.json")).contains("cluster.sandbox"));
    assertFalse(cli.everything().contains(TOKEN), "the token never appears in output");
  }

  /** Ctrl-C during a destroy: the step in progress finishes, the lock is released, and the message says to run destroy again. */
  @Test
  void anInterruptedDestroySaysToRunDestroyAgainAndLeavesNoLock() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN);
    assertEquals(0, cli.run("apply", "-f", SPEC, "--auto-approve").exit());
    Process p = destroyInItsOwnJvm();
    List<String> seen = new ArrayList<>();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean sent = false;
      while ((line = err.readLine()) != null) {
        seen.add(line);
        if (!sent && line.contains("cluster.sandbox.sync: delete Kustomization and GitRepository")) {
          assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
          sent = true;
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped");
    assertEquals(130, p.exitValue(), seen::toString);
    assertTrue(seen.stream().anyMatch(l -> l.matches("Interrupted: \\d+ of \\d+ steps done; run destroy again to finish")), seen::toString);
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json.lock")), "no lock left");

    CliRunner.Result resumed = cli.run("destroy", "-f", SPEC, "--auto-approve");
    assertEquals(0, resumed.exit(), resumed::toString);
    assertTrue(resumed.out().contains("Destroy complete!"), resumed.out());
  }

  private Process destroyInItsOwnJvm() throws java.io.IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.fluxstrap.cli.Main", "destroy", "-f", SPEC, "--auto-approve")
        .directory(tmp.toFile());
    pb.environment().put("GIT_PASSWORD", TOKEN);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FLUXSTRAP_CACHE_DIR", tmp.resolve(".cache").toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static int commits(Path bare) {
    return Integer.parseInt(GitCli.isolated().ok(bare, "rev-list", "--count", "main").strip());
  }
}
