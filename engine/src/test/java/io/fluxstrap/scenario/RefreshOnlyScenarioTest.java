package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.PlanSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code plan --refresh-only} / {@code apply --refresh-only}: accepting drift that was intended
 * (a secret edited on the cluster on purpose) into state, without touching the cluster or the
 * repository; and the flags it cannot be combined with.
 */
class RefreshOnlyScenarioTest {
  @TempDir Path tmp;
  PatWorld world;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    world = PatWorld.withPrivateServer(tmp);
    cli = world.cli;
    CliRunner.Result applied = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  /** Someone sets another username in the cluster's secret by hand, on purpose. */
  private void editSecretOnTheCluster() {
    Secret s = world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get();
    Map<String, String> data = new HashMap<>(s.getData() == null ? Map.of() : s.getData());
    if (s.getStringData() != null) s.getStringData().forEach((k, v) -> data.put(k, b64(v)));
    data.put("username", b64("azure-pipelines"));
    s.setData(data);
    s.setStringData(null);
    world.cluster.client().secrets().inNamespace("flux-system").resource(s).update();
  }

  @Test
  void acceptsASecretEditedOnPurposeWithoutTouchingTheClusterOrTheRepository() throws Exception {
    editSecretOnTheCluster();
    CliRunner.Result drifted = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, drifted.exit(), drifted::toString);
    assertTrue(drifted.out().contains("# cluster.dev.secret will be updated in-place"), drifted.out());

    String head = world.remoteHead();
    Map<String, String> versions = FluxBootstrapped.resourceVersions(world);
    long serial = serial();

    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--refresh-only", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# cluster.dev.secret has changed"), plan.out());
    String flat = plan.out().replaceAll(" +", " ");
    assertTrue(flat.contains("~ fingerprint = (sensitive value changed)"), plan.out());
    assertTrue(flat.contains("+ acceptedFor = (sensitive value)"), plan.out());
    assertTrue(plan.out().contains("State: 1 to change, 0 to remove."), plan.out());
    assertFalse(plan.out().contains("will be updated") || plan.out().contains("hmac-sha256:"), "state changes only, fingerprints hidden: " + plan.out());
    assertEquals(serial, serial(), "plan writes no state");

    CliRunner.Result json = cli.run("plan", "-f", "spec.yaml", "--refresh-only", "--json");
    assertEquals(List.of(), PlanSchema.errors("plan.schema.json", json.out()));
    JsonNode doc = JsonMapper.shared().readTree(json.out());
    assertTrue(doc.path("refreshOnly").asBoolean());
    assertEquals(0, doc.path("steps").size());
    assertEquals("cluster.dev.secret", doc.path("stateChanges").get(0).path("address").asString());

    CliRunner.Result applied = cli.run("apply", "-f", "spec.yaml", "--refresh-only", "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
    assertTrue(applied.out().contains("Apply complete! State updated: 1 changed, 0 removed."), applied::toString);
    assertEquals(serial + 1, serial(), "one state write");

    CliRunner.Result after = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, after.exit(), "the accepted secret is no longer planned: " + after);
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--refresh-only", "--detailed-exitcode").exit(), "nothing left to refresh");

    assertEquals(head, world.remoteHead(), "refresh-only pushes nothing");
    assertEquals(versions, FluxBootstrapped.resourceVersions(world), "refresh-only changes no object on the cluster");
    assertEquals("azure-pipelines", decoded("username"), "the edit is kept");

    // A new PAT is still a planned rotation: acceptance holds only for the credential it was made with.
    String rotated = world.git.rotateToken();
    cli.env("GIT_PASSWORD", rotated);
    CliRunner.Result rotation = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, rotation.exit(), rotation::toString);
    assertTrue(rotation.out().contains("# cluster.dev.secret will be updated in-place") && rotation.out().contains("credential rotated"), rotation.out());
    assertTrue(rotation.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), rotation.out());

    String all = cli.everything();
    assertFalse(all.contains(rotated) || all.contains(world.git.token()), "no token in any output");
    try (var files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(rotated), "token found in " + f);
      }
    }
  }

  @Test
  void aSavedRefreshOnlyPlanAppliesLikeOtherSavedPlans() throws Exception {
    editSecretOnTheCluster();
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--refresh-only", "-out", "accept.fsp").exit());
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--refresh-only", "-out", "second.fsp").exit());
    CliRunner.Result shown = cli.run("show", "accept.fsp");
    assertTrue(shown.out().contains("# cluster.dev.secret has changed"), shown::toString);
    cli.env("GIT_PASSWORD", null); // a saved refresh-only plan needs no credential: it only writes state
    CliRunner.Result applied = cli.run("apply", "accept.fsp");
    assertEquals(0, applied.exit(), applied::toString);
    assertTrue(applied.out().contains("State updated: 1 changed, 0 removed."), applied::toString);
    CliRunner.Result stale = cli.run("apply", "second.fsp");
    assertEquals(1, stale.exit(), stale::toString);
    assertTrue(stale.err().contains("stale plan: the state changed since the plan was made"), stale::toString);
    cli.env("GIT_PASSWORD", world.git.token());
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
  }

  @Test
  void aDeletedObjectLeavesStateAndIsThenPlannedAgain() throws Exception {
    world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").delete();
    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--refresh-only");
    assertTrue(plan.out().contains("# cluster.dev.secret is gone and leaves state"), plan::toString);
    assertTrue(plan.out().contains("State: 0 to change, 1 to remove."), plan::toString);
    assertEquals(0, cli.run("apply", "-f", "spec.yaml", "--refresh-only", "--auto-approve").exit());
    assertFalse(Files.readString(world.stateFile()).contains("\"cluster.dev.secret\""), "removed from state");
    CliRunner.Result next = cli.run("plan", "-f", "spec.yaml");
    assertTrue(next.out().contains("# cluster.dev.secret will be created"), next::toString);
  }

  @Test
  void contradictoryFlagsAreClearErrorsAndChangeNothing() throws Exception {
    byte[] state = Files.readAllBytes(world.stateFile());
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "-out", "normal.fsp").exit());
    expectError("is not a refresh-only plan", "apply", "--refresh-only", "normal.fsp");
    expectError("--refresh-only reads what is live; it cannot be combined with --refresh=false", "plan", "-f", "spec.yaml", "--refresh-only", "--refresh=false");
    expectError("--refresh-only reads what is live; it cannot be combined with --refresh=false", "apply", "-f", "spec.yaml", "--refresh-only", "--refresh=false", "--auto-approve");
    expectError("replace", "apply", "-f", "spec.yaml", "--refresh-only", "-replace", "cluster.dev.secret", "--auto-approve");
    expectError("apply --refresh-only asks for confirmation, but stdin is not a terminal", "apply", "-f", "spec.yaml", "--refresh-only");
    expectError("unrecognized option: --refresh-onyl", "plan", "-f", "spec.yaml", "--refresh-onyl");
    assertEquals(new String(state, StandardCharsets.ISO_8859_1), new String(Files.readAllBytes(world.stateFile()), StandardCharsets.ISO_8859_1), "state untouched");
  }

  private void expectError(String message, String... args) {
    CliRunner.Result r = cli.run(args);
    assertEquals(1, r.exit(), String.join(" ", args) + ": " + r);
    assertTrue(r.err().contains(message), r::toString);
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  private long serial() throws Exception {
    return JsonMapper.shared().readTree(Files.readString(world.stateFile())).path("serial").asLong();
  }

  private String decoded(String key) {
    return PatFlowScenarioTest.decoded(world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get(), key);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
