package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.MockCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fluxstrap import} against what {@code flux bootstrap git} leaves behind (built by hand in
 * {@link FluxBootstrapped}): a real Git server with Basic auth and a mock cluster in CRUD mode.
 */
class ImportScenarioTest {
  @TempDir Path tmp;
  PatWorld world;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    world = new PatWorld(tmp);
    cli = world.cli;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void importsWhatFluxBootstrapMadeChangingNothingThenPlansNoChanges() throws Exception {
    FluxBootstrapped.bootstrap(world, "1m0s");
    Path clone = world.cloneRepo();
    int commits = world.gitCli.log(clone, "%H", "HEAD").size();
    String head = world.remoteHead();
    Map<String, String> versions = FluxBootstrapped.resourceVersions(world);

    CliRunner.Result imported = cli.run("import", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, imported.exit(), imported::toString);
    for (String a : List.of("repository.fleet", "cluster.dev", "cluster.dev.manifests", "cluster.dev.namespace", "cluster.dev.secret",
        "cluster.dev.components", "cluster.dev.sync")) {
      assertTrue(imported.out().contains("+ " + a + "\n"), a + " recorded: " + imported.out());
    }
    assertTrue(imported.out().contains("Import complete! Recorded 7 resources"), imported::toString);
    assertTrue(imported.out().contains("No changes: the cluster matches the spec."), imported::toString);
    assertTrue(imported.err().contains("cluster.dev: reading the cluster"), "progress on stderr: " + imported.err());

    assertEquals(head, world.remoteHead(), "import pushes nothing");
    assertEquals(commits, world.gitCli.log(world.cloneRepo(), "%H", "HEAD").size(), "no commit");
    assertEquals(versions, FluxBootstrapped.resourceVersions(world), "no object on the cluster changed");

    // Recorded in apply's own attribute format.
    JsonNode state = JsonMapper.shared().readTree(Files.readString(world.stateFile()));
    JsonNode res = state.path("resources");
    String components = Files.readString(clone.resolve("clusters/dev/flux-system/gotk-components.yaml"));
    assertEquals("v2.7.5", attr(res, "cluster.dev.components", "version"));
    assertEquals("source-controller,kustomize-controller,helm-controller,notification-controller", attr(res, "cluster.dev.components", "components"));
    assertEquals(Fingerprints.sha256(components), attr(res, "cluster.dev.components", "sha256"));
    assertEquals(Fingerprints.sha256(Files.readString(clone.resolve("clusters/dev/flux-system/gotk-sync.yaml"))), attr(res, "cluster.dev.sync", "sha256"));
    assertEquals(world.git.url(world.repoName), attr(res, "cluster.dev.sync", "url"));
    assertEquals("main", attr(res, "cluster.dev.sync", "branch"));
    assertEquals("./clusters/dev", attr(res, "cluster.dev.sync", "path"));
    assertEquals("password,username", attr(res, "cluster.dev.secret", "keys"));
    assertTrue(attr(res, "cluster.dev.secret", "fingerprint").startsWith("hmac-sha256:"));
    assertEquals(head, attr(res, "repository.fleet", "head"));
    assertEquals(head, attr(res, "cluster.dev.manifests", "commit"));
    assertEquals(world.cluster.client().namespaces().withName("kube-system").get().getMetadata().getUid(), attr(res, "cluster.dev", "uid"));
    assertFalse(res.has("cluster.dev.health"), "a health check that never ran is not recorded");

    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("No changes."), plan::toString);

    byte[] before = Files.readAllBytes(world.stateFile());
    CliRunner.Result again = cli.run("import", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, again.exit(), again::toString);
    assertTrue(again.out().contains("Nothing new to import"), again::toString);
    assertTrue(again.out().contains("No changes: the cluster matches the spec."), again::toString);
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(world.stateFile()), "importing twice changes nothing, not even the serial");
    assertEquals(versions, FluxBootstrapped.resourceVersions(world));

    assertNoToken(world.git.token());
  }

  @Test
  void importReportsWhereTheRepositoryDiffersAndThePlanShowsOnlyThat() throws Exception {
    FluxBootstrapped.bootstrap(world, "5m0s");
    CliRunner.Result imported = cli.run("import", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, imported.exit(), imported::toString);
    String out = imported.out();
    assertTrue(out.contains("The next apply would:"), out);
    assertTrue(out.contains("~ cluster.dev.manifests will be updated in-place (gotk-sync.yaml differs from the spec)"), out);
    assertTrue(out.contains("~ cluster.dev.sync will be updated in-place (changed on the cluster: interval)"), out);
    assertFalse(out.contains("cluster.dev.secret will") || out.contains("cluster.dev.components will") || out.contains("cluster.dev.namespace will"), out);

    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--json", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    List<String> addresses = new ArrayList<>();
    JsonMapper.shared().readTree(plan.out()).path("steps").forEach(s -> addresses.add(s.path("address").asString()));
    assertEquals(List.of("cluster.dev.manifests", "repository.fleet.commit", "repository.fleet.push", "cluster.dev.sync", "cluster.dev.health"), addresses);
    JsonNode sync = JsonMapper.shared().readTree(plan.out()).path("steps").get(3);
    assertEquals("5m0s", sync.path("before").path("interval").asString());
    assertEquals("1m0s", sync.path("after").path("interval").asString());
  }

  @Test
  void refusesToImportOverTheStateOfAnotherCluster() throws Exception {
    FluxBootstrapped.bootstrap(world, "1m0s");
    assertEquals(0, cli.run("import", "-f", "spec.yaml", "--auto-approve").exit());
    byte[] state = Files.readAllBytes(world.stateFile());
    try (MockCluster other = MockCluster.start()) {
      world.writeSpec("clusters/dev", "git", other.kubeconfig());
      CliRunner.Result r = cli.run("import", "-f", "spec.yaml", "--auto-approve");
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.err().contains("cluster.dev: the kubeconfig context now reaches a different cluster"), r::toString);
      assertEquals(new String(state, StandardCharsets.UTF_8), Files.readString(world.stateFile()), "state untouched");
    }
  }

  @Test
  void importWithoutTerminalOrWithBadFlagsIsAClearErrorAndRecordsNothing() {
    CliRunner.Result noTty = cli.run("import", "-f", "spec.yaml");
    assertEquals(1, noTty.exit(), noTty::toString);
    assertTrue(noTty.err().contains("import asks for confirmation, but stdin is not a terminal") && noTty.err().contains("--auto-approve"), noTty::toString);
    CliRunner.Result flag = cli.run("import", "-f", "spec.yaml", "--refresh=false");
    assertEquals(1, flag.exit(), flag::toString);
    assertTrue(flag.err().contains("unrecognized option: --refresh=false") && flag.err().contains("fluxstrap import --help"), flag::toString);
    CliRunner.Result noSpec = cli.run("import", "--auto-approve");
    assertEquals(1, noSpec.exit());
    assertTrue(noSpec.err().contains("fluxstrap import needs a spec: -f SPEC"), noSpec::toString);
    CliRunner.Result extra = cli.run("import", "-f", "spec.yaml", "--auto-approve", "cluster.dev");
    assertEquals(1, extra.exit());
    assertTrue(extra.err().contains("import takes no arguments"), extra::toString);
    assertFalse(Files.exists(world.stateFile()), "nothing recorded");
  }

  private void assertNoToken(String token) throws Exception {
    assertFalse(cli.everything().contains(token), "output leaks the token");
    String b64 = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    try (var files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(token) || text.contains(b64), "token found in " + f);
      }
    }
  }

  static String attr(JsonNode resources, String address, String key) {
    JsonNode r = resources.path(address);
    assertTrue(r.isObject(), address + " in state");
    return r.path("attributes").path(key).asString(null);
  }
}
