package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.state.State;
import io.fluxstrap.state.StateCodec;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.FleetWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet runs: 20 clusters (one mock API, server-side apply emulated, simulated controllers) from
 * one repository on the real Git HTTP server, applied in parallel, one cluster's API failing.
 */
class FleetScenarioTest {
  @TempDir Path dir;

  private static State state(Path file) throws IOException {
    return StateCodec.decode(Files.readAllBytes(file), file.toString());
  }

  @Test
  void twentyClustersInParallelMakeOnePushRecordEveryClusterAndReportTheFailingOne() throws IOException {
    try (FleetWorld world = new FleetWorld(dir, 20, false)) {
      CliRunner cli = new CliRunner(dir).env("GIT_PASSWORD", world.git.token());
      Path stateFile = dir.resolve("fleet.state.json");
      String spec = world.spec.toString();
      var plan = cli.run("plan", "-f", spec, "--state", stateFile.toString(), "-out", "fleet.plan", "-parallelism=6");
      assertEquals(0, plan.exit(), plan::toString);
      assertTrue(plan.out().contains("cluster.c020.health"), plan.out());

      world.api.fail("c007"); // from now on every request to c007 is answered 500
      world.api.resetCounts();
      var apply = cli.run("apply", "fleet.plan", "--state", stateFile.toString(), "-parallelism=6");
      assertEquals(1, apply.exit(), apply::toString);
      assertEquals(1, world.pushes(), "one commit and one push for the 20 clusters");
      assertTrue(apply.err().contains("error: 1 of 20 cluster(s) failed; the others completed:"), apply.err());
      assertTrue(apply.err().lines().anyMatch(l -> l.startsWith("  cluster.c007") && l.contains("500")), apply.err());
      assertFalse(apply.err().lines().anyMatch(l -> l.startsWith("  cluster.c0") && !l.startsWith("  cluster.c007")), apply.err());
      // progress names each cluster's step on its own line
      assertTrue(apply.err().lines().anyMatch(l -> l.strip().startsWith("done: ") && l.endsWith(", cluster.c013.components]")), apply.err());

      State after = state(stateFile);
      for (String c : world.clusters) {
        assertNotNull(after.resource("cluster." + c + ".manifests"), c + " manifests (pushed for every cluster)");
        if (c.equals("c007")) {
          assertNull(after.resource("cluster.c007.namespace"), "nothing recorded as applied on the failing cluster");
        } else {
          for (String part : new String[] {"namespace", "secret", "components", "sync", "health"}) {
            assertNotNull(after.resource("cluster." + c + "." + part), c + " " + part);
          }
        }
      }
      assertTrue(world.api.requests().get("c012") < 60, "requests to one cluster: " + world.api.requests());

      // the failing cluster recovers: the next apply finishes it alone, with no second push
      world.api.recover("c007");
      var again = cli.run("apply", "-f", spec, "--state", stateFile.toString(), "--auto-approve");
      assertEquals(0, again.exit(), again::toString);
      assertTrue(again.out().contains("cluster.c007.namespace"), again.out());
      assertFalse(again.out().contains("cluster.c008."), again.out());
      assertEquals(1, world.pushes(), "no second push");
      assertNotNull(state(stateFile).resource("cluster.c007.health"));
      assertTrue(Files.exists(dir.resolve("fleet.state.json.backup")));
    }
  }

  @Test
  void destroyRunsClustersInParallelAFailingOneStopsOnlyItselfAndTheNextDestroyFinishes() throws IOException {
    try (FleetWorld world = new FleetWorld(dir, 6, false)) {
      CliRunner cli = new CliRunner(dir).env("GIT_PASSWORD", world.git.token());
      Path stateFile = dir.resolve("fleet.state.json");
      String spec = world.spec.toString();
      var apply = cli.run("apply", "-f", spec, "--state", stateFile.toString(), "--auto-approve", "-parallelism=3");
      assertEquals(0, apply.exit(), apply::toString);
      assertEquals(1, world.pushes());

      var saved = cli.run("plan", "-destroy", "-f", spec, "--state", stateFile.toString(), "-out", "destroy.fsp");
      assertEquals(0, saved.exit(), saved::toString);
      world.api.failWrites("c004"); // its identity still reads as recorded, its changes fail
      var destroy = cli.run("apply", "destroy.fsp", "--state", stateFile.toString(), "-parallelism=3");
      assertEquals(1, destroy.exit(), destroy::toString);
      assertTrue(destroy.err().contains("error: 1 of 6 cluster(s) failed; the others completed:"), destroy.err());
      assertTrue(destroy.err().lines().anyMatch(l -> l.startsWith("  cluster.c004") && l.contains("500")), destroy.err());
      assertTrue(destroy.err().contains("run destroy again to continue"), "a saved destroy plan is finished by destroy\n" + destroy.err());
      var stillFailing = cli.run("destroy", "-f", spec, "--state", stateFile.toString(), "--refresh=false", "--auto-approve");
      assertEquals(1, stillFailing.exit(), stillFailing::toString);
      assertTrue(stillFailing.err().contains("run destroy again to continue"), stillFailing.err());
      assertEquals(1, world.pushes(), "no folder removed while a cluster's destroy failed");
      State after = state(stateFile);
      for (String c : world.clusters) {
        boolean failing = c.equals("c004");
        for (String part : new String[] {"namespace", "secret", "components", "sync"}) {
          assertEquals(failing, after.resource("cluster." + c + "." + part) != null, c + " " + part + " recorded: " + failing);
        }
        assertNotNull(after.resource("cluster." + c + ".manifests"), c + " folder still there");
      }

      world.api.recover("c004");
      var again = cli.run("destroy", "-f", spec, "--state", stateFile.toString(), "--auto-approve", "-parallelism=3");
      assertEquals(0, again.exit(), again::toString);
      assertTrue(again.out().contains("cluster.c004.namespace"), again.out());
      assertFalse(again.out().contains("cluster.c005.namespace"), again.out());
      assertEquals(2, world.pushes(), "one push removes every folder");
      assertTrue(state(stateFile).resources().keySet().stream().noneMatch(a -> a.startsWith("cluster.")), state(stateFile).resources().keySet().toString());
      var quiet = cli.run("destroy", "-f", spec, "--state", stateFile.toString(), "--auto-approve");
      assertEquals(0, quiet.exit(), quiet::toString);
      assertTrue(quiet.out().contains("No changes."), quiet.out());
    }
  }

  @Test
  void targetLimitsPlanApplyAndDriftToTheNamedClustersAndSaysTheResultIsPartial() throws IOException {
    try (FleetWorld world = new FleetWorld(dir, 3, false)) {
      CliRunner cli = new CliRunner(dir).env("GIT_PASSWORD", world.git.token());
      String spec = world.spec.toString();
      String state = dir.resolve("fleet.state.json").toString();

      var unknown = cli.run("plan", "-f", spec, "--state", state, "-target=cluster.nope");
      assertEquals(1, unknown.exit(), unknown::toString);
      assertTrue(unknown.err().contains("-target=cluster.nope: no such cluster in the spec or in state"), unknown.err());
      var notACluster = cli.run("plan", "-f", spec, "--state", state, "-target=repository.fleet");
      assertEquals(1, notACluster.exit(), notACluster::toString);
      assertTrue(notACluster.err().contains("-target takes a cluster address, cluster.NAME, not 'repository.fleet'"), notACluster.err());
      var badParallelism = cli.run("plan", "-f", spec, "--state", state, "-parallelism=0");
      assertEquals(1, badParallelism.exit(), badParallelism::toString);
      assertTrue(badParallelism.err().contains("-parallelism takes a whole number from 1 to 256, not '0'"), badParallelism.err());

      var apply = cli.run("apply", "-f", spec, "--state", state, "--auto-approve", "-target=cluster.c002");
      assertEquals(0, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("Resource targeting is in effect"), apply.out());
      assertTrue(apply.out().contains("Applied changes may be incomplete"), apply.out());
      assertTrue(apply.out().contains("cluster.c002.components"), apply.out());
      assertFalse(apply.out().contains("cluster.c001.") || apply.out().contains("cluster.c003."), apply.out());
      assertEquals(0, world.api.requests().get("c001"), "an untargeted cluster is not even read");
      State after = state(dir.resolve("fleet.state.json"));
      assertNotNull(after.resource("cluster.c002.health"));
      assertNull(after.resource("cluster.c001.manifests"));

      var driftUnknown = cli.run("drift", "-f", spec, "--state", state, "-target=cluster.c009");
      assertEquals(1, driftUnknown.exit(), driftUnknown::toString);
      assertTrue(driftUnknown.err().contains("-target=cluster.c009: no such cluster in the spec or in state"), driftUnknown.err());
      var drift = cli.run("drift", "-f", spec, "--state", state, "-target=cluster.c002");
      assertEquals(0, drift.exit(), drift::toString);
      assertTrue(drift.out().contains("only the targeted clusters"), drift.out());
      assertFalse(drift.out().contains("cluster.c001"), drift.out());

      var rest = cli.run("plan", "-f", spec, "--state", state, "--detailed-exitcode");
      assertEquals(2, rest.exit(), "the untargeted clusters are still to do: " + rest);
      assertTrue(rest.out().contains("cluster.c001.components") && !rest.out().contains("cluster.c002.components"), rest.out());
    }
  }
}
