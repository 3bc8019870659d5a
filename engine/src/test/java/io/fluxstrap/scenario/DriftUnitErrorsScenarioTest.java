package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Drift runs where a unit cannot be checked: the error is that unit's, with its cause, and the
 * others are still checked; another cluster behind the context is a loud error, not drift; and the
 * quickstart's sandbox and local repository are read without a byte changed or created.
 */
class DriftUnitErrorsScenarioTest {
  @TempDir Path tmp;

  @Test
  void anUnreachableRepositoryAndClusterAreErrorsWhileTheOtherClusterIsChecked() throws Exception {
    try (PatWorld world = PatWorld.withPrivateServer(tmp); MockCluster prod = MockCluster.withControllers((u, b) -> Optional.empty())) {
      Files.writeString(world.spec, Files.readString(world.spec) + """
            prod:
              kubeconfig:
                path: %s
              repository: fleet
              path: clusters/prod
              flux:
                version: v2.7.5
                manifests:
                  file: flux/install.yaml
              health:
                wait: false
          """.formatted(prod.kubeconfig()));
      CliRunner.Result applied = world.cli.run("apply", "-f", "spec.yaml", "--auto-approve");
      assertEquals(0, applied.exit(), applied::toString);
      Map<String, String> before = DriftReports.hashes(tmp.resolve("state"));
      world.git.close();
      prod.fail("GET", "/api", 500);

      CliRunner.Result r = world.cli.run("drift", "-f", "spec.yaml", "--json", "--junit", "drift.xml");
      assertEquals(1, r.exit(), r::toString);
      JsonNode doc = DriftReports.json(r.out());
      assertEquals(List.of("repository.reachable@repository.fleet", "cluster.reachable@cluster.prod"), DriftReports.findings(doc, "error"));
      assertTrue(DriftReports.finding(doc, "repository.reachable").path("message").asString().contains(world.git.url(world.repoName)), doc.toString());
      assertTrue(DriftReports.finding(doc, "cluster.reachable").path("message").asString().contains("cannot read the cluster: "), doc.toString());
      JsonNode dev = doc.path("units").get(1);
      assertEquals("cluster.dev", dev.path("address").asString());
      assertTrue(dev.path("checks").size() > 10, "cluster.dev is still checked: " + dev);
      DriftReports.Junit junit = DriftReports.junit(tmp.resolve("drift.xml"));
      assertEquals(2, junit.errorElements());
      assertEquals(1, junit.suites().get("cluster.prod")[2]);
      assertEquals(before, DriftReports.hashes(tmp.resolve("state")));
      assertFalse(r.all().contains(world.git.token()));
    }
  }

  @Test
  void anotherClusterBehindTheContextIsALoudErrorAndIsNotTouched() {
    try (PatWorld world = new PatWorld(tmp); MockCluster other = MockCluster.withControllers((u, b) -> Optional.empty())) {
      assertEquals(0, world.cli.run("apply", "-f", "spec.yaml", "--auto-approve").exit());
      world.writeSpec("clusters/dev", GitHttpServer.USERNAME, other.kubeconfig());
      CliRunner.Result r = world.cli.run("drift", "-f", "spec.yaml");
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.out().contains("x cluster.dev: the kubeconfig context reaches a different cluster (" + other.url() + ")"), r.out());
      assertTrue(r.out().contains("[error, cluster.identity]"), r.out());
      assertFalse(r.out().contains("namespace.exists"), "nothing else compared with the other cluster: " + r.out());
      assertNull(other.client().namespaces().withName("flux-system").get());
    }
  }

  @Test
  void theQuickstartIsReadWithoutCreatingOrChangingAnything() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", QuickstartScenarioTest.TOKEN);
    CliRunner.Result fresh = cli.run("drift", "-f", "examples/quickstart.yaml");
    assertEquals(1, fresh.exit(), fresh::toString);
    assertTrue(fresh.out().contains("there is no sandbox in"), fresh.out());
    assertTrue(fresh.out().contains("branch main does not exist yet"), fresh.out());
    assertFalse(Files.exists(tmp.resolve("state")), "drift created neither the repository nor the sandbox");

    assertEquals(0, cli.run("apply", "-f", "examples/quickstart.yaml", "--auto-approve").exit());
    Map<String, String> before = DriftReports.hashes(tmp.resolve("state"));
    assertTrue(before.keySet().stream().anyMatch(p -> p.startsWith("sandbox/cluster/objects.json")), before.keySet().toString());
    CliRunner.Result clean = cli.run("drift", "-f", "examples/quickstart.yaml", "--markdown", "drift.md");
    assertEquals(0, clean.exit(), clean::toString);
    assertTrue(clean.out().contains("No drift."), clean.out());
    assertEquals(before, DriftReports.hashes(tmp.resolve("state")), "no byte under state/ (state, sandbox, repository) changed");
    assertFalse(cli.everything().contains(QuickstartScenarioTest.TOKEN));
  }
}
