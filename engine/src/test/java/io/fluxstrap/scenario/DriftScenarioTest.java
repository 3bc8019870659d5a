package io.fluxstrap.scenario;

import static io.fluxstrap.testing.FluxKinds.GIT_REPOSITORY;
import static io.fluxstrap.testing.FluxKinds.KUSTOMIZATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.PlanSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code fluxstrap drift} after a real apply (flow 1: Git server with Basic auth, mock cluster with
 * simulated controllers): each kind of drift made for real, then asserted in every output format,
 * with the exit code, and with state left byte for byte as it was.
 */
class DriftScenarioTest {
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

  void apply() {
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, r.exit(), r::toString);
  }

  CliRunner.Result drift(String... extra) {
    String[] args = Stream.concat(Stream.of("drift", "-f", "spec.yaml"), Stream.of(extra)).toArray(String[]::new);
    return cli.run(args);
  }

  @Test
  void aCleanClusterHasNoFindingsExitsZeroAndChangesNoByte() throws Exception {
    apply();
    Map<String, String> before = DriftReports.hashes(tmp.resolve("state"));
    String head = world.remoteHead();

    CliRunner.Result text = drift("--junit", "out/drift.xml", "--markdown", "out/drift.md");
    assertEquals(0, text.exit(), text::toString);
    assertTrue(text.out().contains("No drift."), text.out());
    assertFalse(text.out().contains(" ~ ") || text.out().contains(" x "), text.out());
    assertTrue(text.out().contains("cluster.dev  (") && text.out().contains("no findings"), text.out());

    JsonNode doc = DriftReports.json(drift("--json").out());
    assertEquals(0, doc.path("findings").size(), doc.toString());
    assertEquals(0, doc.path("summary").path("exitCode").asInt());
    int checks = doc.path("summary").path("checks").asInt();
    assertTrue(checks >= 20, "passing checks are reported too: " + checks);

    DriftReports.Junit junit = DriftReports.junit(tmp.resolve("out/drift.xml"));
    assertEquals(checks, junit.testcases());
    assertEquals(checks, junit.tests());
    assertEquals(0, junit.failureElements() + junit.errorElements());
    assertEquals(List.of("cluster.dev", "repository.fleet"), List.copyOf(junit.suites().keySet()));
    String md = Files.readString(tmp.resolve("out/drift.md"));
    assertTrue(md.startsWith("## fluxstrap drift: pat-flow") && md.contains("**No drift.**") && md.contains("### cluster.dev"), md);

    assertEquals(before, DriftReports.hashes(tmp.resolve("state")), "drift changes no byte of state");
    assertFalse(Files.exists(world.stateFile().resolveSibling("pat-flow.state.json.lock")), "no lock taken");
    assertEquals(head, world.remoteHead(), "nothing pushed");
    assertNoToken();
  }

  @Test
  void repositoryEditsAddedFilesAndAMovedBranchAreReported() throws Exception {
    apply();
    Path clone = world.cloneRepo();
    String sync = Files.readString(clone.resolve("clusters/dev/flux-system/gotk-sync.yaml"));
    world.gitCli.commitAndPush(clone, "main", "clusters/dev/flux-system/gotk-sync.yaml", sync.replace("interval: 1m0s", "interval: 5m0s"), "tune");
    world.gitCli.commitAndPush(clone, "main", "clusters/dev/flux-system/extra.yaml", "kind: ConfigMap\n", "by hand");
    world.gitCli.commitAndPush(clone, "main", "apps/readme.md", "elsewhere: not managed\n", "unrelated");
    Map<String, String> before = DriftReports.hashes(tmp.resolve("state"));

    CliRunner.Result r = drift("--json", "--junit", "drift.xml");
    assertEquals(2, r.exit(), r::toString);
    JsonNode doc = DriftReports.json(r.out());
    assertEquals(List.of("manifests.gotk-sync@cluster.dev.manifests", "manifests.added@cluster.dev.manifests"),
        DriftReports.findings(doc, "drift"), doc.toString());
    assertEquals(List.of("repository.head@repository.fleet"), DriftReports.findings(doc, "note"));
    JsonNode edited = DriftReports.finding(doc, "manifests.gotk-sync");
    assertEquals("~ cluster.dev.manifests", edited.path("fix").asString());
    assertTrue(edited.path("message").asString().contains("was edited in fleet@main since the last apply"), edited.toString());
    JsonNode added = DriftReports.finding(doc, "manifests.added");
    assertEquals("clusters/dev/flux-system/extra.yaml", added.path("subject").asString());
    assertTrue(added.path("fix").isNull() && added.path("hint").asString().contains("move it out"), added.toString());

    DriftReports.Junit junit = DriftReports.junit(tmp.resolve("drift.xml"));
    assertEquals(2, junit.failureElements());
    assertEquals(2, junit.failures());
    assertEquals(0, junit.errorElements());
    assertEquals(2, junit.suites().get("repository.fleet")[1]);

    CliRunner.Result text = drift();
    assertTrue(text.out().contains("~ cluster.dev.manifests: gotk-sync.yaml was edited"), text.out());
    assertTrue(text.out().contains("fix: apply would ~ cluster.dev.manifests"), text.out());
    assertTrue(text.out().contains("Drift: 2 findings on 0 of 1 clusters, 1 of 1 repositories."), text.out());
    assertEquals(before, DriftReports.hashes(tmp.resolve("state")));
  }

  @Test
  void clusterEditsAreEachNamedWithTheirFixOrHint() throws Exception {
    apply();
    var k = world.cluster.client();
    Secret secret = k.secrets().inNamespace("flux-system").withName("flux-system").get();
    secret.getData().put("username", Base64.getEncoder().encodeToString("someone".getBytes(StandardCharsets.UTF_8)));
    k.secrets().resource(secret).update();
    k.genericKubernetesResources(KUSTOMIZATION).inNamespace("flux-system").withName("flux-system")
        .edit(o -> { spec(o).put("suspend", true); return o; });
    k.genericKubernetesResources(GIT_REPOSITORY).inNamespace("flux-system").withName("flux-system")
        .edit(o -> { spec(o).put("url", "http://127.0.0.1:1/elsewhere.git"); return o; });
    k.apps().deployments().inNamespace("flux-system").withName("helm-controller").delete();
    k.apps().deployments().inNamespace("flux-system").withName("notification-controller")
        .edit(d -> { d.getMetadata().getLabels().put("app.kubernetes.io/version", "v2.6.0"); return d; });
    Deployment source = k.apps().deployments().inNamespace("flux-system").withName("source-controller").get();
    source.getStatus().setConditions(List.of(new DeploymentCondition(null, null, "ReplicaSet has timed out progressing.",
        "ProgressDeadlineExceeded", "False", "Available")));
    k.apps().deployments().resource(source).updateStatus();

    CliRunner.Result r = drift("--json", "--junit", "drift.xml", "--markdown", "drift.md");
    assertEquals(2, r.exit(), r::toString);
    JsonNode doc = DriftReports.json(r.out());
    List<String> drift = DriftReports.findings(doc, "drift");
    for (String expected : List.of("secret.content@cluster.dev.secret", "kustomization.suspended@cluster.dev.sync",
        "sync.url@cluster.dev.sync", "deployment.available@cluster.dev.components", "flux.version@cluster.dev.components")) {
      assertTrue(drift.contains(expected), expected + " in " + drift);
    }
    JsonNode secretFinding = DriftReports.finding(doc, "secret.content");
    assertTrue(secretFinding.path("message").asString().endsWith("changed on the cluster since the last apply: changed username"), secretFinding.toString());
    assertEquals("~ cluster.dev.secret", secretFinding.path("fix").asString());
    JsonNode suspended = DriftReports.finding(doc, "kustomization.suspended");
    assertTrue(suspended.path("fix").isNull());
    assertEquals("resume it: flux resume kustomization flux-system -n flux-system", suspended.path("hint").asString());
    JsonNode url = DriftReports.finding(doc, "sync.url");
    assertEquals(world.git.url(world.repoName), url.path("expected").asString());
    assertEquals("http://127.0.0.1:1/elsewhere.git", url.path("found").asString());
    assertEquals("~ cluster.dev.sync", url.path("fix").asString());
    JsonNode version = DriftReports.finding(doc, "flux.version");
    assertEquals("v2.7.5", version.path("expected").asString());
    assertEquals("v2.6.0 (notification-controller)", version.path("found").asString());
    long deployments = 0;
    for (JsonNode f : doc.path("findings")) {
      if (f.path("check").asString().equals("deployment.available")) {
        deployments++;
        String subject = f.path("subject").asString();
        if (subject.equals("helm-controller")) assertEquals("~ cluster.dev.components", f.path("fix").asString(), f.toString());
        else {
          assertEquals("source-controller", subject);
          assertEquals("ReplicaSet has timed out progressing.", f.path("found").asString());
        }
      }
    }
    assertEquals(2, deployments);
    assertFalse(r.all().contains(world.git.token()), "no secret value in any output");

    DriftReports.Junit junit = DriftReports.junit(tmp.resolve("drift.xml"));
    assertEquals(drift.size(), junit.failureElements());
    assertEquals(drift.size(), junit.suites().get("cluster.dev")[1]);
    assertEquals(doc.path("summary").path("checks").asInt(), junit.testcases());

    CliRunner.Result text = drift();
    assertTrue(text.out().contains("~ cluster.dev.secret: Secret flux-system/flux-system was changed on the cluster since the last apply: changed username"), text.out());
    assertTrue(text.out().contains("expected " + world.git.url(world.repoName) + " -> found http://127.0.0.1:1/elsewhere.git"), text.out());
    assertTrue(text.out().contains("1 of 1 clusters"), text.out());
  }

  @Test
  void aRepointedKustomizationIsDriftThatApplyRefuses() throws Exception {
    apply();
    world.cluster.client().genericKubernetesResources(KUSTOMIZATION).inNamespace("flux-system").withName("flux-system")
        .edit(o -> { spec(o).put("path", "./clusters/other"); return o; });
    JsonNode doc = DriftReports.json(drift("--json").out());
    JsonNode path = DriftReports.finding(doc, "sync.path");
    assertEquals("./clusters/dev", path.path("expected").asString());
    assertEquals("./clusters/other", path.path("found").asString());
    assertTrue(path.path("fix").isNull(), path.toString());
    assertTrue(path.path("hint").asString().startsWith("apply refuses this cluster: ")
        && path.path("hint").asString().contains("would overwrite path './clusters/other'"), path.toString());
  }

  @Test
  void aDeletedSecretAndARotatedTokenPointAtTheSecretStep() {
    world.close();
    world = PatWorld.withPrivateServer(tmp.resolve("rotation"));
    cli = world.cli;
    apply();
    String old = world.git.token();
    String rotated = world.git.rotateToken();
    cli.env("GIT_PASSWORD", rotated);
    CliRunner.Result r = drift("--json");
    assertEquals(2, r.exit(), r::toString);
    JsonNode doc = DriftReports.json(r.out());
    assertEquals(List.of("credentials.token@cluster.dev.secret"), DriftReports.findings(doc, "drift"), doc.toString());
    JsonNode token = DriftReports.finding(doc, "credentials.token");
    assertEquals("PAT rotated in the environment (GIT_PASSWORD), not yet on the cluster", token.path("message").asString());
    assertEquals("~ cluster.dev.secret", token.path("fix").asString());

    world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").delete();
    CliRunner.Result deleted = drift("--json");
    assertEquals(2, deleted.exit(), deleted::toString);
    JsonNode missing = DriftReports.finding(DriftReports.json(deleted.out()), "secret.exists");
    assertEquals("+ cluster.dev.secret", missing.path("fix").asString());
    assertFalse(cli.everything().contains(rotated) || cli.everything().contains(old), "no token in any output");
  }

  @Test
  void tokenExpiryWarnsInsideTheWindowAndErrsOncePast() throws Exception {
    apply();
    String spec = Files.readString(world.spec);
    String soon = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10).toString();
    Files.writeString(world.spec, spec.replace("username: git}", "username: git, expires: \"" + soon + "\"}"));
    CliRunner.Result warned = drift();
    assertEquals(0, warned.exit(), warned::toString);
    assertTrue(warned.out().contains("! repository.fleet: the token in GIT_PASSWORD expires in 10 days"), warned.out());
    assertTrue(warned.out().contains("No drift; 1 warning."), warned.out());
    assertEquals(0, drift("--expiry-warning-days", "5").out().lines().filter(l -> l.contains("expires in")).count());

    String past = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
    Files.writeString(world.spec, spec.replace("username: git}", "username: git, expires: \"" + past + "\"}"));
    CliRunner.Result expired = drift("--json");
    assertEquals(1, expired.exit(), expired::toString);
    assertEquals(List.of("credentials.expiry@repository.fleet"), DriftReports.findings(DriftReports.json(expired.out()), "error"));
  }

  @Test
  void aHeldLockIsANoteAndIsLeftAlone() throws Exception {
    apply();
    var store = new io.fluxstrap.state.LocalStateStore(world.stateFile());
    var lock = store.lock("apply");
    byte[] lockBytes = Files.readAllBytes(store.lockFile());
    CliRunner.Result r = drift();
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("Note: state is locked by ") && r.out().contains("for apply"), r.out());
    assertTrue(java.util.Arrays.equals(lockBytes, Files.readAllBytes(store.lockFile())), "the lock is untouched");
    store.unlock(lock);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(io.fabric8.kubernetes.api.model.GenericKubernetesResource o) {
    return (Map<String, Object>) o.getAdditionalProperties().get("spec");
  }

  private void assertNoToken() throws Exception {
    String token = world.git.token();
    assertFalse(cli.everything().contains(token), "output leaks the token");
    try (var files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(token), "token in " + f);
        assertFalse(bytes.contains(Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))), "base64 token in " + f);
      }
    }
    assertTrue(PlanSchema.errors("drift.schema.json", "{}").size() > 0, "the schema rejects an empty document");
  }
}
