package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.scenario.QuickstartFiles;
import io.fluxstrap.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State is found relative to the spec file's folder, whatever folder the command runs from; with
 * no state but a cluster already bootstrapped, plan warns and points to import.
 */
class StateLocationTest {
  @TempDir Path tmp;

  @Test
  void stateLivesBesideTheSpecAndIsFoundFromAnyFolder() throws Exception {
    Path conf = tmp.resolve("conf");
    QuickstartFiles.copy(Path.of("examples/manifests"), conf.resolve("manifests"));
    String quickstart = Files.readString(Path.of("examples/quickstart.yaml"));
    Files.writeString(conf.resolve("fleet.yaml"), quickstart
        .replaceAll("(?m)^state:\\n  path: .*\\n", "")
        .replace("../state/sandbox/fleet.git", "sandbox/fleet.git")
        .replace("../state/sandbox/cluster", "sandbox/cluster"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

    CliRunner fromTop = new CliRunner(tmp).env("GIT_PASSWORD", "t");
    CliRunner.Result applied = fromTop.run("apply", "-f", "conf/fleet.yaml", "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
    Path state = conf.resolve("state/quickstart.state.json");
    assertTrue(Files.isRegularFile(state), "state beside the spec: " + applied.out());
    assertTrue(Files.notExists(tmp.resolve("state")), "nothing under the working directory");

    CliRunner fromElsewhere = new CliRunner(elsewhere).env("GIT_PASSWORD", "t");
    CliRunner.Result plan = fromElsewhere.run("plan", "-f", "../conf/fleet.yaml", "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("No changes."), plan.out());

    Files.move(state, tmp.resolve("moved.state.json"));
    CliRunner.Result lost = fromElsewhere.run("plan", "-f", "../conf/fleet.yaml");
    assertEquals(0, lost.exit(), lost::toString);
    String all = lost.all().replaceAll("\\s+", " ");
    assertTrue(all.contains("no state is recorded for this spec, but cluster.sandbox is bootstrapped already"), all);
    assertTrue(all.contains("repository fleet already holds clusters/sandbox/flux-system/gotk-components.yaml"), all);
    assertTrue(all.contains("fluxstrap import -f fleet.yaml"), all);
  }
}
