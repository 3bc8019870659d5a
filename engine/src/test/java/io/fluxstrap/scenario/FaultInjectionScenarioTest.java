package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.FaultyApiFront;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 1 with a fault-injecting front between fluxstrap and the Kubernetes API: answers 500 and
 * 409 and drops connections on chosen requests. Passing faults are retried (bounded, with
 * backoff); lasting ones stop the apply with a message naming the object and the server, and the
 * state then recorded lets the next apply finish the job.
 */
class FaultInjectionScenarioTest {
  static final String SECRET = "/api/v1/namespaces/flux-system/secrets/flux-system";
  static final String NAMESPACE = "/api/v1/namespaces/flux-system";
  static final String GIT_REPOSITORY = "/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-system";
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/flux-system/deployments";

  @TempDir Path tmp;
  PatWorld world;
  FaultyApiFront front;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    world = new PatWorld(tmp);
    front = FaultyApiFront.in(world.cluster.url());
    world.writeSpec("clusters/dev", GitHttpServer.USERNAME, front.kubeconfig(tmp));
    cli = world.cli;
  }

  @AfterEach
  void tearDown() {
    front.close();
    world.close();
  }

  @Test
  void passingFaultsAreRetriedAndTheApplySucceeds() {
    front.fail("PATCH", NAMESPACE, 500, 2)
        .fail("PATCH", SECRET, FaultyApiFront.DROP, 1)
        .fail("PATCH", GIT_REPOSITORY, 409, 1)
        .fail("GET", "/api/v1/namespaces/flux-system/secrets", 503, 1);
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("Apply complete!"), r.out());
    List<String> faulted = front.faulted();
    assertTrue(faulted.contains("PATCH " + SECRET + " -> dropped"), faulted.toString());
    assertTrue(faulted.contains("PATCH " + GIT_REPOSITORY + " -> 409"), faulted.toString());
    assertEquals(2, faulted.stream().filter(f -> f.equals("PATCH " + NAMESPACE + " -> 500")).count(), faulted.toString());
    assertNotNull(world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get());
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
  }

  @Test
  void lastingFaultsStopTheApplyClearlyAndTheNextApplyFinishes() {
    // A conflict that does not pass: stopped at the secret, after the push and the namespace.
    front.fail("PATCH", SECRET, 409, FaultyApiFront.ALWAYS);
    CliRunner.Result conflict = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, conflict.exit(), conflict::toString);
    assertTrue(conflict.err().contains("cluster.dev.secret: conflict while trying to apply Secret flux-system/flux-system on "
        + front.url()), conflict.err());
    assertTrue(conflict.err().contains("(tried 4 times)"), conflict.err());
    assertTrue(conflict.err().contains("run apply again to continue"), conflict.err());
    String head = world.remoteHead();
    assertNotNull(head, "the push before the failure happened");

    // A connection that keeps dropping at the components.
    front.clear();
    front.fail("PATCH", DEPLOYMENTS, FaultyApiFront.DROP, FaultyApiFront.ALWAYS);
    CliRunner.Result dropped = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, dropped.exit(), dropped::toString);
    assertFalse(dropped.out().contains("repository.fleet.push"), "the push is not planned again: " + dropped.out());
    assertTrue(dropped.err().contains("cluster.dev.components: ") && dropped.err().contains(front.url())
        && dropped.err().contains("(tried 4 times)"), dropped.err());
    assertFalse(dropped.all().contains("Exception"), "a message, not a trace: " + dropped.all());

    front.clear();
    CliRunner.Result finished = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, finished.exit(), finished::toString);
    assertEquals(head, world.remoteHead(), "no second commit");
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
  }
}
