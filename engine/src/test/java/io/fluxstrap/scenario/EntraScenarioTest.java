package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.DebianPackages;
import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.FakeAz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing with an Entra ID token (Azure Identity's real Azure CLI credential), pulling with workload identity. */
class EntraScenarioTest {
  @TempDir Path tmp;
  EntraWorld world;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    world = new EntraWorld(tmp);
    cli = world.cli;
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void pushesWithTheBearerTokenSyncsWithWorkloadIdentityAndTheTokenIsNowhere() throws Exception {
    String jwt = world.token("push-1");
    world.writeSpec(EntraWorld.workloadIdentity());
    try (FakeAz az = FakeAz.issuing(List.of(jwt), 3600)) {
      CliRunner.Result applied = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
      assertEquals(0, applied.exit(), applied::toString);
      assertTrue(applied.all().contains("pushes as the Entra ID identity tenant " + EntraWorld.TENANT + ", client " + EntraWorld.APP
          + ", object " + EntraWorld.OID + " (from azureCli)"), applied::toString);
      assertTrue(world.head().isPresent(), "pushed");
      assertFalse(world.git.presented().isEmpty());
      assertTrue(world.git.presented().stream().allMatch(jwt::equals));
      assertEquals(List.of(), world.git.refused(), "every request carried the token");

      String sync = world.file("clusters/dev/flux-system/gotk-sync.yaml");
      assertTrue(sync.contains("  provider: azure\n"), sync);
      assertFalse(sync.contains("secretRef"), sync);
      String kustomization = world.file("clusters/dev/flux-system/kustomization.yaml");
      assertTrue(kustomization.contains("azure.workload.identity/client-id: " + EntraWorld.WI_CLIENT), kustomization);
      assertTrue(kustomization.contains("azure.workload.identity/use: \"true\""), kustomization);
      kustomizeApplies(EntraWorld.WI_CLIENT);

      assertNull(world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get(), "no Secret flux-system");
      ServiceAccount sa = world.cluster.client().serviceAccounts().inNamespace("flux-system").withName("source-controller").get();
      assertEquals(EntraWorld.WI_CLIENT, sa.getMetadata().getAnnotations().get("azure.workload.identity/client-id"));
      assertEquals(EntraWorld.TENANT, sa.getMetadata().getAnnotations().get("azure.workload.identity/tenant-id"));
      Deployment d = world.cluster.client().apps().deployments().inNamespace("flux-system").withName("source-controller").get();
      assertEquals("true", d.getSpec().getTemplate().getMetadata().getLabels().get("azure.workload.identity/use"));

      CliRunner.Result again = cli.run("plan", "-f", "spec.yaml");
      assertEquals(0, again.exit(), again::toString);
      assertTrue(again.out().contains("No changes."), again::toString);

      // Drift: a stray secret with a token, and the identity annotation edited on the live service account.
      world.cluster.client().secrets().inNamespace("flux-system").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
          .withNewMetadata().withName("flux-system").withNamespace("flux-system").endMetadata()
          .addToStringData("password", "a-stray-pat").build()).create();
      world.cluster.client().serviceAccounts().inNamespace("flux-system").withName("source-controller")
          .edit(a -> { a.getMetadata().getAnnotations().put("azure.workload.identity/client-id", "someone-else"); return a; });
      CliRunner.Result drift = cli.run("drift", "-f", "spec.yaml");
      assertEquals(2, drift.exit(), drift::toString);
      assertTrue(drift.out().contains("secret.absent"), drift::toString);
      assertTrue(drift.out().contains("workloadIdentity.patches"), drift::toString);
      assertFalse(drift.out().contains("a-stray-pat"), drift::toString);
      CliRunner.Result fix = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
      assertEquals(0, fix.exit(), fix::toString);
      assertTrue(fix.out().contains("delete secret flux-system/flux-system"), fix::toString);
      assertNull(world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get());
      assertEquals(EntraWorld.WI_CLIENT, world.cluster.client().serviceAccounts().inNamespace("flux-system").withName("source-controller")
          .get().getMetadata().getAnnotations().get("azure.workload.identity/client-id"));
      assertTokenNowhere(jwt);
    }
  }

  @Test
  void aRefusedTokenSaysWhoWasRefusedAndWhatToDoAndChangesNothing() throws Exception {
    world.token("accepted");
    String wrong = FakeAz.jwt(EntraWorld.TENANT, EntraWorld.APP, EntraWorld.OID, "not-a-member");
    world.writeSpec(EntraWorld.workloadIdentity());
    try (FakeAz az = FakeAz.issuing(List.of(wrong), 3600)) {
      CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.err().contains("the Entra ID token of tenant " + EntraWorld.TENANT + ", client " + EntraWorld.APP), r::toString);
      assertTrue(r.err().contains("add it as a user of the Azure DevOps organisation"), r::toString);
      assertTrue(r.err().contains("Code (read & write)"), r::toString);
      assertTrue(world.head().isEmpty(), "nothing pushed");
      assertTokenNowhere(wrong);
    }
  }

  @Test
  void noTokenAtAllNamesTheSourceAndWhyItFailed() {
    world.writeSpec(EntraWorld.workloadIdentity());
    try (FakeAz az = FakeAz.loggedOut()) {
      CliRunner.Result r = cli.run("plan", "-f", "spec.yaml");
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.err().contains("repository.fleet: no Microsoft Entra ID token from source 'azureCli'"), r::toString);
      assertTrue(r.err().contains("Please run 'az login'"), r::toString);
      assertFalse(r.err().contains("\tat "), "no stack trace");
    }
  }

  @Test
  void aTokenThatExpiresDuringALongApplyIsRenewed() {
    String first = FakeAz.jwt(EntraWorld.TENANT, EntraWorld.APP, EntraWorld.OID, "short-1");
    String second = FakeAz.jwt(EntraWorld.TENANT, EntraWorld.APP, EntraWorld.OID, "short-2");
    // The first token lives 6 s and is renewed once 3 s (half its life) have passed; the server refuses it after 6 s.
    // The first request (the refresh's fetch) takes 4 s, so every later connection must bring a renewed token.
    world.git.accept(first, java.time.Instant.now().plusSeconds(6));
    world.git.accept(second, java.time.Instant.now().plusSeconds(3600));
    world.git.delayNextRequest(Duration.ofSeconds(4));
    world.writeSpec(EntraWorld.workloadIdentity());
    try (FakeAz az = FakeAz.issuing(List.of(first, second), 6)) {
      CliRunner.Result r = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
      assertEquals(0, r.exit(), r::toString);
      assertTrue(az.calls() >= 2, "renewed: " + az.log());
      assertTrue(world.git.presented().contains(first));
      assertTrue(world.git.presented().contains(second), "later connections used the renewed token");
      assertEquals(List.of(), world.git.refused(), "no request went out with an expired token");
      assertTrue(world.head().isPresent());
    }
  }

  @Test
  void switchesTokenToWorkloadIdentityAndBackEachInOneCleanApply() throws Exception {
    String jwt = world.token("switch");
    world.git.acceptReadOnlyPat("git", "read-only-pat-for-the-cluster");
    cli.env("FLUX_READ_PAT", "read-only-pat-for-the-cluster");
    try (FakeAz az = FakeAz.issuing(List.of(jwt), 3600)) {
      world.writeSpec(EntraWorld.readPat());
      applyThenNoChanges();
      assertNotNull(secret(), "token sync: Secret flux-system holds the read PAT");
      assertEquals("read-only-pat-for-the-cluster", new String(java.util.Base64.getDecoder().decode(secret().getData().get("password")), StandardCharsets.UTF_8));

      world.writeSpec(EntraWorld.workloadIdentity());
      CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml");
      assertEquals(0, plan.exit(), plan::toString);
      assertTrue(plan.out().contains("delete secret flux-system/flux-system"), plan::toString);
      assertTrue(plan.out().contains("cluster.dev.manifests"), plan::toString);
      applyThenNoChanges();
      assertNull(secret(), "workload identity: the secret is gone");
      assertTrue(world.file("clusters/dev/flux-system/gotk-sync.yaml").contains("provider: azure"));

      world.writeSpec(EntraWorld.readPat());
      applyThenNoChanges();
      assertNotNull(secret(), "back to a token: the secret is back");
      String sync = world.file("clusters/dev/flux-system/gotk-sync.yaml");
      assertFalse(sync.contains("provider"), sync);
      assertTrue(sync.contains("secretRef"), sync);
      String kustomization = world.file("clusters/dev/flux-system/kustomization.yaml");
      assertFalse(kustomization.contains("patches"), "the patches went with workload identity: " + kustomization);
      ServiceAccount sa = world.cluster.client().serviceAccounts().inNamespace("flux-system").withName("source-controller").get();
      assertTrue(sa.getMetadata().getAnnotations() == null || !sa.getMetadata().getAnnotations().containsKey("azure.workload.identity/client-id"),
          "annotation removed from the live service account");
      assertTokenNowhere(jwt);
    }
  }

  private io.fabric8.kubernetes.api.model.Secret secret() {
    return world.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").get();
  }

  private void applyThenNoChanges() {
    CliRunner.Result applied = cli.run("apply", "-f", "spec.yaml", "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
    CliRunner.Result again = cli.run("plan", "-f", "spec.yaml");
    assertEquals(0, again.exit(), again::toString);
    assertTrue(again.out().contains("No changes."), again::toString);
  }

  private void kustomizeApplies(String clientId) throws IOException {
    DebianPackages.ensure(List.of(Path.of("/usr/bin/kubectl")), "kubernetes-client");
    Path out = tmp.resolve("kustomize");
    for (String f : List.of("gotk-components.yaml", "gotk-sync.yaml", "kustomization.yaml")) {
      Files.createDirectories(out);
      Files.writeString(out.resolve(f), world.file("clusters/dev/flux-system/" + f));
    }
    Exec.Result built = Exec.run(out, Map.of(), Duration.ofSeconds(60), List.of("kubectl", "kustomize", "."));
    String yaml = built.stdoutOrThrow();
    int sa = yaml.indexOf("name: source-controller\n  namespace: flux-system\n---");
    assertTrue(yaml.contains("azure.workload.identity/client-id: " + clientId), "kustomize applied the service account patch");
    int use = yaml.indexOf("azure.workload.identity/use: \"true\"");
    assertTrue(use > 0, "kustomize applied the pod label patch");
    assertTrue(yaml.lastIndexOf("kind: Deployment", use) > yaml.lastIndexOf("---", use) || sa != 0, "the label sits in a Deployment");
  }

  /** The token (and each of its parts) appears in no file of the run and in no output. */
  private void assertTokenNowhere(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    List<String> needles = List.of(jwt, parts[1], parts[2]);
    for (String n : needles) assertFalse(cli.everything().contains(n), "token in the output");
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(tmp.resolve("server"))).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String n : needles) assertFalse(text.contains(n), "token in " + f);
      }
    }
  }
}
