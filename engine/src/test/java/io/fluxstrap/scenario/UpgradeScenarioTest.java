package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.PlanSchema;
import io.fluxstrap.testing.ReleaseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cluster bootstrapped by an older Flux (v2.7.5, from the test tree's release fixture) is
 * imported and upgraded to v2.9.5 from the release URLs (served by a test HTTP server, verified by
 * the checksums file): the plan shows the images and CRD versions that change, a custom resource
 * still stored in a version v2.9.5 drops blocks the upgrade, and going back is refused.
 */
class UpgradeScenarioTest {
  @TempDir Path tmp;
  PatWorld world;
  ReleaseServer releases;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    world = new PatWorld(tmp);
    releases = new ReleaseServer();
    cli = world.cli.env("FLUXSTRAP_TEST_RELEASE_MIRROR", releases.base());
  }

  @AfterEach
  void tearDown() {
    releases.close();
    world.close();
  }

  /** The spec with {@code version} and no manifests block: the release, verified by its checksums file. */
  private void spec(String version) throws Exception {
    String text = Files.readString(world.spec);
    text = text.replaceAll("version: v[0-9.]+\n\\s+manifests:\n\\s+file: flux/install.yaml\n", "version: " + version + "\n");
    text = text.replaceAll("version: v[0-9.]+\n", "version: " + version + "\n");
    Files.writeString(world.spec, text);
    assertFalse(text.contains("manifests:"), text);
  }

  @Test
  void importOfAnOlderFluxPlansTheUpgradeChecksStoredVersionsAndRefusesADowngrade() throws Exception {
    FluxBootstrapped.bootstrap(world, "1m0s", "v2.7.5",
        new String(ReleaseServer.file("v2.7.5", "install.yaml"), StandardCharsets.UTF_8));
    spec("v2.9.5");

    CliRunner.Result imported = cli.run("import", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, imported.exit(), imported::toString);
    JsonNode state = JsonMapper.shared().readTree(Files.readString(world.stateFile()));
    assertEquals("v2.7.5", state.path("resources").path("cluster.dev.components").path("attributes").path("version").asString(),
        "import records the version really installed: " + state.path("resources").path("cluster.dev.components"));
    String out = imported.out();
    assertTrue(out.contains("(Flux upgrade v2.7.5 -> v2.9.5)"), out);
    assertTrue(out.contains("~ source-controller: ghcr.io/fluxcd/source-controller:v1.7.4 -> v1.9.5\n"), out);
    assertTrue(out.contains("~ helm-controller: ghcr.io/fluxcd/helm-controller:v1.4.5 -> v1.6.4\n"), out);
    assertTrue(out.contains("~ crd gitrepositories.source.toolkit.fluxcd.io {\n          ~ served = [v1, v1beta2] -> [v1]\n            stored = v1\n"), out);
    assertTrue(out.contains("~ crd helmreleases.helm.toolkit.fluxcd.io {\n          ~ served = [v2, v2beta2] -> [v2]\n"), out);
    assertTrue(releases.requests().contains("/v2.9.5/flux_2.9.5_checksums.txt"), "verified by the checksums file: " + releases.requests());

    // The JSON plan carries the same, and validates against schemas/plan.schema.json.
    CliRunner.Result json = cli.run("plan", "-f", "spec.yaml", "--json");
    assertEquals(0, json.exit(), json::toString);
    assertEquals(List.of(), PlanSchema.errors("plan.schema.json", json.out()));
    JsonNode change = components(json.out()).path("action").path("change");
    assertEquals("v2.7.5", change.path("fromVersion").asString());
    assertEquals("v2.9.5", change.path("toVersion").asString());
    assertTrue(change.path("detailed").asBoolean());
    List<String> images = new ArrayList<>();
    change.path("images").forEach(i -> images.add(i.path("container").asString() + " " + i.path("before").asString() + " " + i.path("after").asString()));
    assertEquals(List.of(
        "source-controller ghcr.io/fluxcd/source-controller:v1.7.4 ghcr.io/fluxcd/source-controller:v1.9.5",
        "kustomize-controller ghcr.io/fluxcd/kustomize-controller:v1.7.3 ghcr.io/fluxcd/kustomize-controller:v1.9.5",
        "helm-controller ghcr.io/fluxcd/helm-controller:v1.4.5 ghcr.io/fluxcd/helm-controller:v1.6.4",
        "notification-controller ghcr.io/fluxcd/notification-controller:v1.7.5 ghcr.io/fluxcd/notification-controller:v1.9.4"), images);
    List<String> crds = new ArrayList<>();
    change.path("crds").forEach(c -> crds.add(c.path("name").asString() + " " + c.path("servedBefore") + " " + c.path("servedAfter")
        + " " + c.path("storedBefore").asString() + " " + c.path("storedAfter").asString()));
    assertEquals(List.of(
        "gitrepositories.source.toolkit.fluxcd.io [\"v1\",\"v1beta2\"] [\"v1\"] v1 v1",
        "helmrepositories.source.toolkit.fluxcd.io [\"v1\",\"v1beta2\"] [\"v1\"] v1 v1",
        "kustomizations.kustomize.toolkit.fluxcd.io [\"v1\",\"v1beta2\"] [\"v1\"] v1 v1",
        "helmreleases.helm.toolkit.fluxcd.io [\"v2\",\"v2beta2\"] [\"v2\"] v2 v2"), crds);

    // A HelmRelease still stored as v2beta2 (which v2.9.5 no longer has) blocks the upgrade.
    storedVersions("helmreleases.helm.toolkit.fluxcd.io", List.of("v2beta2", "v2"));
    byte[] stateBefore = Files.readAllBytes(world.stateFile());
    CliRunner.Result blocked = cli.run("plan", "-f", "spec.yaml");
    assertEquals(1, blocked.exit(), blocked::toString);
    assertTrue(blocked.err().contains("cluster.dev: upgrading Flux v2.7.5 -> v2.9.5 would drop API versions that custom resources"
        + " on the cluster are still stored in:\n  helmreleases.helm.toolkit.fluxcd.io: objects stored as v2beta2"
        + " (status.storedVersions: v2beta2, v2; Flux v2.9.5 serves v2)"), blocked.err());
    assertTrue(blocked.err().contains("run `flux migrate`"), blocked.err());
    assertTrue(blocked.err().contains("--skip-api-check"), blocked.err());
    CliRunner.Result blockedApply = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, blockedApply.exit(), blockedApply::toString);
    assertTrue(java.util.Arrays.equals(stateBefore, Files.readAllBytes(world.stateFile())), "nothing applied");

    CliRunner.Result skipped = cli.run("plan", "-f", "spec.yaml", "--skip-api-check");
    assertEquals(0, skipped.exit(), skipped::toString);
    assertTrue(skipped.out().contains("--skip-api-check: Flux v2.9.5 drops API versions still stored on the cluster"), skipped.out());

    // Migrated (as `flux migrate` would leave it): the upgrade goes through.
    storedVersions("helmreleases.helm.toolkit.fluxcd.io", List.of("v2"));
    CliRunner.Result applied = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
    assertTrue(world.cluster.client().apps().deployments().inNamespace("flux-system").withName("source-controller").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":v1.9.5"));

    // Going back is refused unless asked for.
    spec("v2.7.5");
    CliRunner.Result down = cli.run("plan", "-f", "spec.yaml");
    assertEquals(1, down.exit(), down::toString);
    assertTrue(down.err().contains("cluster.dev: the spec asks for Flux v2.7.5 but v2.9.5 is installed; downgrades are refused"), down.err());
    assertTrue(down.err().contains("--allow-downgrade"), down.err());
    CliRunner.Result allowed = cli.run("plan", "-f", "spec.yaml", "--allow-downgrade");
    assertEquals(0, allowed.exit(), allowed::toString);
    assertTrue(allowed.out().contains("downgrading Flux v2.9.5 -> v2.7.5 (--allow-downgrade)"), allowed.out());
    assertTrue(allowed.out().contains("~ source-controller: ghcr.io/fluxcd/source-controller:v1.9.5 -> v1.7.4\n"), allowed.out());
  }

  private static JsonNode components(String planJson) throws Exception {
    for (JsonNode s : JsonMapper.shared().readTree(planJson).path("steps")) {
      if (s.path("address").asString().equals("cluster.dev.components")) return s;
    }
    throw new AssertionError("no components step: " + planJson);
  }

  /** Sets a CRD's status.storedVersions, as objects written in an older version leave it. */
  private void storedVersions(String crd, List<String> versions) {
    var crds = world.cluster.client().apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition c = crds.withName(crd).get();
    c.getStatus().setStoredVersions(versions);
    crds.resource(c).updateStatus();
    assertEquals(versions, crds.withName(crd).get().getStatus().getStoredVersions());
  }
}
