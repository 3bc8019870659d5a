package io.fluxstrap.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fluxstrap.git.GitRemote;
import io.fluxstrap.kube.ApplyManifestsFixture;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.ChangeKind;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.LocalStateStore;
import io.fluxstrap.state.State;
import io.fluxstrap.testing.MockCluster;
import static io.fluxstrap.testing.FluxKinds.GIT_REPOSITORY;
import static io.fluxstrap.testing.FluxKinds.KUSTOMIZATION;
import io.fluxstrap.testing.Specs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health wait against the mock cluster, with statuses written the way Flux's controllers
 * write them, and a clock that moves only when the waiter sleeps.
 */
class HealthWaiterTest {
  static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  MockCluster mock;
  Instant now = Instant.parse("2026-11-27T10:00:00Z");
  int sleeps;

  @BeforeEach
  void setUp() {
    mock = MockCluster.start();
    mock.cluster().applyManifests(ApplyManifestsFixture.bundle(), (k, n, d, t) -> {});
    mock.cluster().applyManifests(ApplyManifestsFixture.sync(), (k, n, d, t) -> {});
  }

  @AfterEach
  void tearDown() {
    mock.close();
  }

  State run(long timeoutSeconds) {
    Spec spec = Specs.spec(List.of(Specs.cluster("dev", List.of("source-controller", "kustomize-controller"))));
    ClusterSpec c = spec.clusters().get("dev");
    GitRemote git = new GitRemote() {
      @Override
      public io.fluxstrap.git.RemoteBranch read(io.fluxstrap.git.RemoteRepo repo, String branch, List<String> dirs) {
        return new io.fluxstrap.git.RemoteBranch(true, HEAD, Map.of());
      }

      @Override
      public io.fluxstrap.git.PushResult push(io.fluxstrap.git.RemoteRepo repo, io.fluxstrap.git.CommitChange change) {
        throw new AssertionError("no push in a health check");
      }

      @Override
      public void checkPushAccess(io.fluxstrap.git.RemoteRepo repo) {}
    };
    Connections connections = new Connections(() -> git, () -> target -> mock.cluster(),
        new Credentials(Map.of("GIT_PASSWORD", io.fluxstrap.secret.Sensitive.of("t"))));
    Step step = new Step("cluster.dev.health", ChangeKind.READ, "wait", new Action.WaitHealthy(c.name(), timeoutSeconds), Map.of(), Map.of());
    Plan plan = new Plan(1, "spec.yaml", "", "lineage", 0, true, List.of(step), List.of());
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
    HealthWaiter waiter = new HealthWaiter(d -> {
      sleeps++;
      now = now.plus(d);
    }, clock, Duration.ofSeconds(2));
    LocalStateStore store = new LocalStateStore(tmp.resolve("s.json"));
    store.lock("test");
    return new Executor(connections, store, ExecutionListener.NONE, waiter)
        .apply(spec, Map.of(), plan, new State(1, 0, "lineage", "t", Map.of()));
  }

  /** Writes status (and optionally spec fields) the way a controller would. */
  void status(ResourceDefinitionContext ctx, Map<String, Object> spec, Map<String, Object> status) {
    var api = mock.client().genericKubernetesResources(ctx).inNamespace("flux-system").withName("flux-system");
    GenericKubernetesResource r = api.get();
    if (spec != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) r.getAdditionalProperties().get("spec");
      s.putAll(spec);
    }
    r.getAdditionalProperties().put("status", status);
    var resource = mock.client().genericKubernetesResources(ctx).inNamespace("flux-system").resource(r);
    GenericKubernetesResource updated = resource.update();
    updated.getAdditionalProperties().put("status", status);
    mock.client().genericKubernetesResources(ctx).inNamespace("flux-system").resource(updated).updateStatus();
  }

  static Map<String, Object> ready(String status, String message, Map<String, Object> extra, long generation) {
    Map<String, Object> m = new java.util.HashMap<>(extra);
    m.put("observedGeneration", generation);
    m.put("conditions", List.of(Map.of("type", "Ready", "status", status, "reason", "x", "message", message)));
    return m;
  }

  long generation(ResourceDefinitionContext ctx) {
    Long g = mock.client().genericKubernetesResources(ctx).inNamespace("flux-system").withName("flux-system").get().getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  @Test
  void waitsUntilBothObjectsAreReadyAtThePushedRevision() {
    status(GIT_REPOSITORY, null, ready("True", "stored artifact", Map.of("artifact", Map.of("revision", "main@sha1:" + HEAD)), generation(GIT_REPOSITORY)));
    status(KUSTOMIZATION, null, ready("True", "Applied", Map.of("lastAttemptedRevision", "main@sha1:" + HEAD), generation(KUSTOMIZATION)));
    markDeploymentsAvailable();
    State s = run(30);
    assertEquals("main@sha1:" + HEAD, s.resource("cluster.dev.health").get("revision"));
  }

  @Test
  void aReadyFromBeforeTheSpecChangedDoesNotCount() {
    // e.g. a Kustomization re-pointed to a moved path: Ready at the revision, but for its previous generation
    status(GIT_REPOSITORY, null, ready("True", "stored artifact", Map.of("artifact", Map.of("revision", "main@sha1:" + HEAD)), generation(GIT_REPOSITORY)));
    status(KUSTOMIZATION, null, ready("True", "Applied", Map.of("lastAttemptedRevision", "main@sha1:" + HEAD), generation(KUSTOMIZATION) - 1));
    markDeploymentsAvailable();
    StepFailure f = assertThrows(StepFailure.class, () -> run(4));
    assertTrue(f.getMessage().contains("timed out after 4s"), f.getMessage());
  }

  @Test
  void aSuspendedKustomizationFailsAtOnce() {
    status(KUSTOMIZATION, Map.<String, Object>of("suspend", true), Map.<String, Object>of());
    StepFailure f = assertThrows(StepFailure.class, () -> run(300));
    assertTrue(f.getMessage().contains("Kustomization flux-system/flux-system is suspended"), f.getMessage());
    assertEquals(0, sleeps, "no waiting for something that cannot happen");
  }

  @Test
  void readyFalseForTheCurrentGenerationFailsWithTheControllersMessage() {
    status(GIT_REPOSITORY, null, ready("False", "authentication required: invalid token", Map.of(), generation(GIT_REPOSITORY)));
    StepFailure f = assertThrows(StepFailure.class, () -> run(300));
    assertTrue(f.getMessage().contains("GitRepository flux-system/flux-system is not Ready: authentication required: invalid token"), f.getMessage());
  }

  @Test
  void aTimeoutSaysWhatWasStillNotReady() {
    StepFailure f = assertThrows(StepFailure.class, () -> run(10));
    assertTrue(f.getMessage().contains("timed out after 10s"), f.getMessage());
    assertTrue(f.getMessage().contains("GitRepository flux-system/flux-system Ready=Unknown"), f.getMessage());
    assertTrue(f.getMessage().contains("deployment source-controller not available"), f.getMessage());
    assertEquals(5, sleeps, "polled every 2s for 10s");
  }

  private void markDeploymentsAvailable() {
    for (String d : List.of("source-controller", "kustomize-controller")) {
      var api = mock.client().apps().deployments().inNamespace("flux-system").withName(d);
      var dep = api.get();
      dep.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
          .addNewCondition().withType("Available").withStatus("True").endCondition().build());
      api.updateStatus(dep);
    }
  }
}
