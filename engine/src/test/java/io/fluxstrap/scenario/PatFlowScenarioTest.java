package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fluxstrap.plan.FluxObjects;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.DebianPackages;
import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.MockCluster;
import static io.fluxstrap.testing.FluxKinds.GIT_REPOSITORY;
import static io.fluxstrap.testing.FluxKinds.KUSTOMIZATION;
import io.fluxstrap.testing.PlanSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 1 of the seed page end to end: PAT over HTTPS against a real Git server with Basic auth,
 * a mock cluster in CRUD mode, and the CLI run in-process with its exit codes checked.
 */
class PatFlowScenarioTest {

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

  CliRunner.Result apply() {
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, r.exit(), r::toString);
    return r;
  }

  @Test
  void bootstrapsLikeFluxThenPlansNoChangesAndMakesNoSecondCommit() throws Exception {
    CliRunner.Result first = apply();
    assertTrue(first.out().contains("Apply complete! Resources: 7 added, 0 changed, 0 destroyed; 1 health check passed."), first::toString);
    assertTrue(first.err().contains("[1/8] cluster.dev.manifests"), "progress on stderr: " + first.err());

    // The repository: what `flux bootstrap` writes, seen by the real git CLI.
    Path clone = world.cloneRepo();
    String head = world.remoteHead();
    assertEquals(List.of("Flux|Add Flux v2.7.5 component and sync manifests"), world.gitCli.log(clone, "%an|%s", "HEAD"));
    Path fluxDir = clone.resolve("clusters/dev/flux-system");
    assertEquals(List.of("gotk-components.yaml", "gotk-sync.yaml", "kustomization.yaml"),
        Files.list(fluxDir).map(p -> p.getFileName().toString()).sorted().toList());
    DebianPackages.ensure(List.of(Path.of("/usr/bin/kubectl")), "kubernetes-client");
    Exec.Result built = Exec.run(fluxDir, Map.of(), Duration.ofSeconds(60), List.of("kubectl", "kustomize", "."));
    assertEquals(0, built.exitCode(), built::describe);
    assertTrue(built.stdout().contains("kind: GitRepository") && built.stdout().contains("kind: Kustomization")
        && built.stdout().contains("kind: CustomResourceDefinition"), built.stdout());

    // The cluster: Secret flux-system with username and the PAT; sync objects field by field.
    Secret secret = world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get();
    assertNotNull(secret);
    assertEquals("Opaque", secret.getType());
    assertEquals("git", decoded(secret, "username"));
    assertEquals(world.git.token(), decoded(secret, "password"));
    Map<String, Object> gitRepo = spec(GIT_REPOSITORY);
    assertEquals("1m0s", gitRepo.get("interval"));
    assertEquals(Map.of("branch", "main"), gitRepo.get("ref"));
    assertEquals(Map.of("name", "flux-system"), gitRepo.get("secretRef"));
    assertEquals(world.git.url(world.repoName), gitRepo.get("url"));
    Map<String, Object> ks = spec(KUSTOMIZATION);
    assertEquals("10m0s", ks.get("interval"));
    assertEquals("./clusters/dev", ks.get("path"));
    assertEquals(true, ks.get("prune"));
    assertEquals(Map.of("kind", "GitRepository", "name", "flux-system"), ks.get("sourceRef"));

    // Idempotency: plan says No changes (exit 0 with --detailed-exitcode); apply again commits nothing.
    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("No changes."), plan::toString);
    CliRunner.Result again = apply();
    assertTrue(again.out().contains("No changes."), again::toString);
    assertEquals(head, world.remoteHead(), "a second apply must not commit");

    // state list / show
    CliRunner.Result list = cli.run("state", "list");
    assertEquals(0, list.exit(), list::toString);
    assertTrue(list.out().contains("cluster.dev.secret") && list.out().contains("repository.fleet"), list.out());
    CliRunner.Result show = cli.run("state", "show", "repository.fleet");
    assertTrue(show.out().contains("head   = " + head), show.out());
  }

  @Test
  void deletedSecretIsPlannedAgainAndRecreated() {
    apply();
    world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").delete();
    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# cluster.dev.secret will be created"), plan.out());
    assertTrue(plan.out().contains("does not exist on the cluster"), plan.out());
    assertTrue(plan.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), plan.out());
    apply();
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
  }

  @Test
  void aNewTokenUpdatesOnlyTheSecretAndTheOldOneIsNotNeeded() {
    world.close();
    world = PatWorld.withPrivateServer(tmp.resolve("rotation"));
    cli = world.cli;
    apply();
    String head = world.remoteHead();
    String old = world.git.token();
    String rotated = world.git.rotateToken();
    cli.env("GIT_PASSWORD", rotated);
    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# cluster.dev.secret will be updated in-place"), plan.out());
    assertTrue(plan.out().contains("credential rotated"), plan.out());
    assertTrue(plan.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), plan.out());
    assertFalse(plan.all().contains(rotated) || plan.all().contains(old), "a token must never be printed");
    assertTrue(plan.out().contains("~ password = (sensitive) -> (sensitive)"), plan.out());
    assertTrue(plan.out().contains("    username = (sensitive, unchanged)"), "only the token changes: " + plan.out());
    assertFalse(plan.out().contains("~ username"), plan.out());
    CliRunner.Result recorded = cli.run("plan", "-f", "spec.yaml", "--refresh=false");
    assertTrue(recorded.out().contains("~ password = (sensitive) -> (sensitive)")
        && recorded.out().contains("username = (sensitive, unchanged)"), "from the recorded fingerprints too: " + recorded.out());
    apply();
    assertEquals(rotated, decoded(world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get(), "password"));
    assertEquals(head, world.remoteHead(), "rotation commits nothing");
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
  }

  @Test
  void savedPlanAppliesOnceAndIsStaleAfterTheStateMoved() {
    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "-out", "first.fsp");
    assertEquals(0, plan.exit(), plan::toString);
    CliRunner.Result json = cli.run("show", "first.fsp", "--json");
    assertEquals(0, json.exit());
    assertEquals(List.of(), PlanSchema.errors("plan.schema.json", json.out()));
    CliRunner.Result second = cli.run("plan", "-f", "spec.yaml", "-out", "second.fsp");
    assertEquals(0, second.exit());
    CliRunner.Result applied = cli.run("apply", "first.fsp");
    assertEquals(0, applied.exit(), applied::toString);
    CliRunner.Result stale = cli.run("apply", "second.fsp");
    assertEquals(1, stale.exit(), stale::toString);
    assertTrue(stale.err().contains("stale plan"), stale::toString);
  }

  @Test
  void wrongTokenFailsClearlyAndLeavesNoState() {
    cli.env("GIT_PASSWORD", "wrong-token-0123456789");
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("authentication failed for " + world.git.url(world.repoName)), r::toString);
    assertFalse(r.all().contains("wrong-token-0123456789"));
    assertFalse(r.err().contains("\tat "), "no stack trace for a user error");
    assertFalse(Files.exists(world.stateFile()), "nothing recorded");
    assertEquals(null, world.remoteHead());
  }

  @Test
  void applyWithoutTerminalRefusesToPromptAndChangesNothing() {
    CliRunner.Result r = cli.run("apply", "-f", "spec.yaml");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("stdin is not a terminal") && r.err().contains("--auto-approve"), r::toString);
    assertEquals(null, world.remoteHead());
    assertFalse(Files.exists(world.stateFile()));
  }

  @Test
  void aKilledApplyIsFinishedByTheNextWithoutASecondCommit() {
    // The API refuses Deployments: apply stops at the components, after the push.
    world.cluster.fail("PATCH", "/apis/apps/v1", 500);
    CliRunner.Result broken = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, broken.exit(), broken::toString);
    assertTrue(broken.err().contains("cluster.dev.components"), broken::toString);
    String head = world.remoteHead();
    assertNotNull(head, "the push happened before the failure");
    world.cluster.clearFailures();
    CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml");
    assertFalse(plan.out().contains("repository.fleet.commit"), "the pushed files are not planned again: " + plan.out());
    apply();
    assertEquals(head, world.remoteHead(), "no duplicate commit");
    assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
  }

  @Test
  void refusesToRepointAClusterWhoseKustomizationHasAnotherPath() {
    apply();
    // someone else points the Kustomization elsewhere: not the path fluxstrap set (that one moves with the spec)
    world.cluster.cluster().mergePatch(FluxObjects.KUSTOMIZE_API, "Kustomization", "flux-system", "flux-system",
        "{\"spec\":{\"path\":\"./clusters/theirs\"}}");
    world.writeSpec("clusters/moved");
    CliRunner.Result r = cli.run("plan", "-f", "spec.yaml");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("would overwrite path './clusters/theirs'"), r::toString);
  }

  @Test
  void theTokenAppearsNowhereButInTheClusterSecret() throws Exception {
    String token = world.git.token();
    cli.run("plan", "-f", "spec.yaml", "-out", "saved.fsp");
    apply();
    cli.run("plan", "-f", "spec.yaml", "--json");
    cli.run("show", "saved.fsp");
    cli.run("state", "show", "cluster.dev.secret");
    assertFalse(cli.everything().contains(token), "output leaks the token");
    try (var files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(token), "token found in " + f);
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains(Base64.getEncoder().encodeToString(token.getBytes())), "base64 token in " + f);
      }
    }
    assertTrue(Files.exists(world.stateFile()) && Files.exists(tmp.resolve("saved.fsp")), "the scanned files exist");
    assertTrue(Files.readString(world.stateFile()).contains("hmac-sha256:"), "state keeps a fingerprint");
  }

  @Test
  void checksRightsBeforeTouchingAnything() {
    world.cluster.answerAccessReviews(false);
    CliRunner.Result denied = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, denied.exit(), denied::toString);
    assertTrue(denied.err().contains("cluster.dev: you need cluster-admin rights on"), denied::toString);
    assertEquals(null, world.remoteHead(), "nothing pushed");
    assertEquals(null, world.cluster.client().namespaces().withName("flux-system").get(), "nothing applied");

    world.cluster.answerAccessReviews(true);
    world.writeSpec("clusters/dev", GitHttpServer.READER);
    cli.env("GIT_PASSWORD", world.git.readerToken());
    CliRunner.Result readOnly = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(1, readOnly.exit(), readOnly::toString);
    assertTrue(readOnly.err().contains("repository.fleet: cannot push") && readOnly.err().contains("Nothing was changed"), readOnly::toString);
    assertEquals(null, world.cluster.client().namespaces().withName("flux-system").get(), "nothing applied");
    assertFalse(readOnly.all().contains(world.git.readerToken()));
  }

  @Test
  void refusesToApplyOneClustersStateToAnother() {
    apply();
    try (MockCluster other = MockCluster.withControllers((u, b) -> java.util.Optional.empty())) {
      world.writeSpec("clusters/dev", GitHttpServer.USERNAME, other.kubeconfig());
      CliRunner.Result r = cli.run("plan", "-f", "spec.yaml");
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.err().contains("cluster.dev: the kubeconfig context now reaches a different cluster"), r::toString);
      assertEquals(null, other.client().namespaces().withName("flux-system").get());
    }
  }

  @Test
  void twoClustersOfOneRepositoryMakeOneCommitAndOnePush() throws Exception {
    try (MockCluster prod = MockCluster.withControllers((u, b) -> java.util.Optional.ofNullable(world.remoteHead()))) {
      String spec = Files.readString(world.spec);
      String prodCluster = """
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
                timeout: 20s
          """.formatted(prod.kubeconfig());
      Files.writeString(world.spec, spec + prodCluster);
      CliRunner.Result r = apply();
      assertTrue(r.err().contains("[4/14] repository.fleet.push") && !r.err().contains("[5/14] repository"), r.err());
      Path clone = world.cloneRepo();
      assertEquals(1, world.gitCli.log(clone, "%H", "HEAD").size(), "one commit for both clusters");
      assertTrue(Files.exists(clone.resolve("clusters/dev/flux-system/gotk-sync.yaml")));
      assertTrue(Files.exists(clone.resolve("clusters/prod/flux-system/gotk-sync.yaml")));
      assertNotNull(prod.client().secrets().inNamespace("flux-system").withName("flux-system").get());
      assertEquals(0, cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode").exit());
    }
  }

  private Map<String, Object> spec(ResourceDefinitionContext ctx) {
    GenericKubernetesResource r = world.cluster.client().genericKubernetesResources(ctx).inNamespace("flux-system").withName("flux-system").get();
    assertNotNull(r, ctx.getKind() + " missing");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
    return spec;
  }

  static String decoded(Secret s, String key) {
    if (s.getData() != null && s.getData().containsKey(key)) return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    return s.getStringData().get(key);
  }
}
