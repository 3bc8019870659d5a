package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.LeaseStateType;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.testing.Azurite;
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
 * The quickstart with its state in Azure Storage (Azurite), the way pipelines on throw-away agents
 * run it: state named in the spec's state: block, an apply in another process holding the lease
 * while a second apply is refused naming it, a SIGKILL that leaves the lease for force-unlock to
 * break, and the next apply finishing the work without a second commit.
 */
class AzurermStateScenarioTest {
  static final String SPEC = "examples/quickstart.yaml";
  static final String TOKEN = "azurerm-test-token";

  @TempDir Path tmp;

  @Test
  void applyHoldsTheLeaseAKilledApplyLeavesItAndForceUnlockBreaksIt() throws Exception {
    Azurite azurite = Azurite.shared();
    BlobContainerClient container = azurite.newContainer();
    Path spec = QuickstartFiles.withState(tmp, """
        state:
          backend: azurerm
          azurerm:
            storage_account: devstoreaccount1
            container: %s
            endpoint: %s
        """.formatted(container.getBlobContainerName(), azurite.endpoint()));
    assertTrue(Files.readString(spec).contains("backend: azurerm"));

    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.fluxstrap.cli.Main", "apply", "-f", SPEC, "--auto-approve")
        .directory(tmp.toFile());
    pb.environment().put("GIT_PASSWORD", TOKEN);
    pb.environment().put("ARM_ACCESS_KEY", Azurite.KEY);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FLUXSTRAP_CACHE_DIR", tmp.resolve(".cache").toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN).env("ARM_ACCESS_KEY", Azurite.KEY);
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    CliRunner.Result concurrent = null;
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        seen.add(line);
        if (concurrent == null) concurrent = cli.run("apply", "-f", SPEC, "--auto-approve"); // the first apply is running now
        if (line.contains("done: pushed")) {
          p.destroyForcibly();
          break;
        }
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed");
    assertTrue(seen.stream().anyMatch(l -> l.contains("done: pushed")), "the run reached its push: " + seen);
    assertEquals(1, concurrent.exit(), concurrent::toString);
    assertTrue(concurrent.err().contains("state is locked by " + LockInfo.currentWho()) && concurrent.err().contains(" for apply (lock ID "),
        concurrent.err());
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    assertEquals(1, commits(bare), "one commit after the killed run");
    assertEquals(LeaseStateType.LEASED, container.getBlobClient("quickstart.state.json").getProperties().getLeaseState(),
        "the dead run's lease is still there");

    CliRunner.Result locked = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(1, locked.exit(), locked::toString);
    Matcher m = Pattern.compile("fluxstrap force-unlock (\\S+)").matcher(locked.err());
    assertTrue(m.find(), "the message says how to unlock: " + locked.err());
    CliRunner.Result unlocked = cli.run("force-unlock", m.group(1), "-f", SPEC);
    assertEquals(0, unlocked.exit(), unlocked::toString);
    assertTrue(unlocked.out().contains("azurerm blob " + container.getBlobContainerName() + "/quickstart.state.json"), unlocked.out());

    CliRunner.Result resumed = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, resumed.exit(), resumed::toString);
    assertFalse(resumed.out().contains("repository.fleet.commit"), "the pushed files are not planned again: " + resumed.out());
    assertEquals(1, commits(bare), "no second commit");
    assertEquals(0, cli.run("plan", "-f", SPEC, "--detailed-exitcode").exit());
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json")) || Files.exists(tmp.resolve("examples/state/quickstart.state.json")),
        "no local state");
    assertTrue(container.getBlobClient("quickstart.state.json.backup").exists(), "the previous version is kept");
    assertTrue(container.getBlobClient("quickstart.state.json").getProperties().getLeaseState() != LeaseStateType.LEASED, "released");
  }

  private static int commits(Path bare) {
    return Integer.parseInt(GitCli.isolated().ok(bare, "rev-list", "--count", "main").strip());
  }
}
