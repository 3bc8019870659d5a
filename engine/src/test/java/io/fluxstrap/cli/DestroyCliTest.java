package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.scenario.QuickstartFiles;
import io.fluxstrap.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to destroy, -target and state surgery: a clear message naming the flag, exit 1, nothing changed. */
class DestroyCliTest {
  @TempDir Path tmp;

  @Test
  void badInputIsRefusedWithWhatToDoAndChangesNothing() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", "t");
    expect(cli, "fluxstrap destroy needs a spec: -f SPEC", "destroy");
    expect(cli, "destroy takes no arguments", "destroy", "-f", "examples/quickstart.yaml", "plan.fsp");
    expect(cli, "apply asks for confirmation, but stdin is not a terminal", "destroy", "-f", "examples/quickstart.yaml");
    expect(cli, "-target takes a cluster address, cluster.NAME, not 'sandbox'", "plan", "-f", "examples/quickstart.yaml", "-target=sandbox");
    expect(cli, "-target=cluster.nope: no such cluster in the spec or in state", "destroy", "-f", "examples/quickstart.yaml",
        "-target=cluster.nope", "--auto-approve", "--refresh=false");
    expect(cli, "-destroy and --refresh-only contradict each other", "plan", "-f", "examples/quickstart.yaml", "-destroy", "--refresh-only");
    expect(cli, "usage: fluxstrap state mv OLD NEW", "state", "mv", "cluster.a", "--state", "s.json");
    expect(cli, "-force is for state push only", "state", "rm", "-force", "cluster.a", "--state", "s.json");
    expect(cli, "no state in", "state", "rm", "cluster.a", "--state", "s.json");
    expect(cli, "state file nope.json does not exist", "state", "push", "nope.json", "--state", "s.json");
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json")), "no state was written");
    assertFalse(Files.exists(tmp.resolve("state/sandbox")), "no sandbox or repository was created");
    assertFalse(Files.exists(tmp.resolve("s.json")));
    CliRunner.Result help = cli.run("destroy", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--keep-repository-files") && help.out().contains("--prune-workloads"), help.out());
  }

  private static void expect(CliRunner cli, String message, String... args) {
    CliRunner.Result r = cli.run(args);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("internal error"), r.err());
  }
}
