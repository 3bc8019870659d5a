package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fluxstrap.kube.ApplyManifestsFixture;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.DeploymentStatus;
import io.fluxstrap.testing.MockCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedControllersTest {
  private static final String URL = "https://dev.azure.com/org/project/_git/repo";
  private static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

  private final Map<String, String> heads = new ConcurrentHashMap<>();
  private MockCluster mock;
  private Cluster cluster;

  @BeforeEach
  void start() {
    mock = MockCluster.withControllers((url, branch) -> Optional.ofNullable(heads.get(url + "#" + branch)));
    cluster = mock.cluster();
    cluster.applyManifests(ApplyManifestsFixture.bundle(), Cluster.ApplyListener.NONE);
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private Map<?, ?> status(String apiVersion, String kind) {
    return (Map<?, ?>) cluster.get(apiVersion, kind, "flux-system", "flux-system").orElseThrow().get("status");
  }

  private Map<?, ?> repoStatus() {
    return status("source.toolkit.fluxcd.io/v1", "GitRepository");
  }

  private Map<?, ?> kustomizationStatus() {
    return status("kustomize.toolkit.fluxcd.io/v1", "Kustomization");
  }

  private static Map<?, ?> ready(Map<?, ?> status) {
    return ((List<?>) status.get("conditions")).stream().map(c -> (Map<?, ?>) c)
        .filter(c -> c.get("type").equals("Ready")).findFirst().orElseThrow();
  }

  @Test
  void deploymentsBecomeAvailable() {
    Map<String, DeploymentStatus> status =
        cluster.deployments("flux-system", List.of("source-controller", "kustomize-controller"));

    assertTrue(status.get("source-controller").available());
    assertTrue(status.get("kustomize-controller").available());
    assertTrue(status.get("source-controller").message().startsWith("sandbox: "));
  }

  @Test
  void theSourceAndTheKustomizationReportTheBranchHead() {
    heads.put(URL + "#main", HEAD);

    cluster.applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);

    String revision = "main@sha1:" + HEAD;
    Map<?, ?> repo = repoStatus();
    assertEquals(revision, ((Map<?, ?>) repo.get("artifact")).get("revision"));
    assertEquals("True", ready(repo).get("status"));
    assertEquals("sandbox: stored artifact for revision '" + revision + "'", ready(repo).get("message"));
    Map<?, ?> ks = kustomizationStatus();
    assertEquals(revision, ks.get("lastAppliedRevision"));
    assertEquals(revision, ks.get("lastAttemptedRevision"));
    assertEquals("True", ready(ks).get("status"));
    assertEquals("sandbox: Applied revision: " + revision, ready(ks).get("message"));
  }

  @Test
  void anUnknownHeadIsNotReadyWithAMessage() {
    cluster.applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);

    assertEquals("False", ready(repoStatus()).get("status"));
    assertEquals("sandbox: no head known for branch 'main' of " + URL, ready(repoStatus()).get("message"));
    assertEquals("False", ready(kustomizationStatus()).get("status"));
    assertEquals("sandbox: Source 'GitRepository/flux-system/flux-system' is not ready",
        ready(kustomizationStatus()).get("message"));
    assertFalse(kustomizationStatus().containsKey("lastAppliedRevision"));
  }

  @Test
  void aNewHeadIsPickedUpWhenTheObjectsAreReadAgain() {
    heads.put(URL + "#main", HEAD);
    cluster.applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);
    String before = mock.client().genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
        .inNamespace("flux-system").withName("flux-system").get().getMetadata().getResourceVersion();
    assertEquals(before, mock.client().genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
        .inNamespace("flux-system").withName("flux-system").get().getMetadata().getResourceVersion(),
        "reconciling an unchanged source writes nothing");

    heads.put(URL + "#main", "fedcba9876543210fedcba9876543210fedcba98");

    assertEquals("main@sha1:fedcba9876543210fedcba9876543210fedcba98", kustomizationStatus().get("lastAppliedRevision"));
    assertEquals("main@sha1:fedcba9876543210fedcba9876543210fedcba98",
        ((Map<?, ?>) repoStatus().get("artifact")).get("revision"));
  }

  @Test
  void aSuspendedObjectKeepsItsStatus() {
    heads.put(URL + "#main", HEAD);
    cluster.applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);
    mock.client().genericKubernetesResources("kustomize.toolkit.fluxcd.io/v1", "Kustomization")
        .inNamespace("flux-system").withName("flux-system")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");

    heads.put(URL + "#main", "fedcba9876543210fedcba9876543210fedcba98");

    assertEquals("main@sha1:" + HEAD, kustomizationStatus().get("lastAppliedRevision"));
    assertEquals("main@sha1:fedcba9876543210fedcba9876543210fedcba98",
        ((Map<?, ?>) repoStatus().get("artifact")).get("revision"), "the source is not suspended");
  }

  @Test
  void aKustomizationWithoutItsSourceIsNotReady() {
    cluster.applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);
    mock.client().genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
        .inNamespace("flux-system").withName("flux-system").delete();

    assertEquals("sandbox: Source 'GitRepository/flux-system/flux-system' not found",
        ready(kustomizationStatus()).get("message"));
  }
}
