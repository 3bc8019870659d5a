package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill: apply runs in its own JVM and gets SIGKILL right after its push. The next run
 * finds the state lock of the dead run (and says how to remove it); after force-unlock, apply
 * finishes the job from the recorded state without a second commit.
 */
class KilledApplyScenarioTest {
  static final String SPEC = "examples/quickstart.yaml";

  @TempDir Path tmp;

  @Test
  void aRunKilledAfterItsPushIsFinishedByTheNextWithoutASecondCommit() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.fluxstrap.cli.Main", "apply", "-f", SPEC, "--auto-approve")
        .directory(tmp.toFile());
    pb.environment().put("GIT_PASSWORD", "kill-test-token");
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FLUXSTRAP_CACHE_DIR", tmp.resolve(".cache").toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        seen.add(line);
        if (line.contains("done: pushed")) {
          p.destroyForcibly();
          break;
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed");
    assertTrue(seen.stream().anyMatch(l -> l.contains("done: pushed")), "the run reached its push: " + seen);
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    assertEquals(1, commits(bare), "one commit after the killed run");

    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", "kill-test-token");
    CliRunner.Result locked = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(1, locked.exit(), locked::toString);
    Matcher m = Pattern.compile("fluxstrap force-unlock (\\S+)").matcher(locked.err());
    assertTrue(m.find(), "the message says how to unlock: " + locked.err());
    assertEquals(0, cli.run("force-unlock", m.group(1), "-f", SPEC).exit());

    CliRunner.Result resumed = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, resumed.exit(), resumed::toString);
    assertFalse(resumed.out().contains("repository.fleet.commit"), "the pushed files are not planned again: " + resumed.out());
    assertTrue(resumed.out().contains("Apply complete!"), resumed.out());
    assertEquals(1, commits(bare), "no second commit");
    assertEquals(0, cli.run("plan", "-f", SPEC, "--detailed-exitcode").exit());
  }

  private static int commits(Path bare) {
    return Integer.parseInt(GitCli.isolated().ok(bare, "rev-list", "--count", "main").strip());
  }
}
