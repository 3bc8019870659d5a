package io.fluxstrap.kube;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fluxstrap.kube.sandbox.RevisionSource;
import io.fluxstrap.testing.MockCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Fabric8ClusterTest {
  private MockCluster mock;
  private Cluster cluster;

  @BeforeEach
  void start() {
    mock = MockCluster.start();
    cluster = mock.cluster();
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void identityIsKubeSystemsUidAndTheServerUrl() {
    ClusterIdentity identity = cluster.identity();

    assertEquals(mock.client().namespaces().withName("kube-system").get().getMetadata().getUid(), identity.uid());
    assertEquals(mock.url(), identity.server());
    assertEquals(identity, cluster.identity());
    try (Cluster second = mock.cluster(mock.options(java.time.Duration.ofSeconds(1)))) {
      assertEquals(identity, second.identity());
    }
  }

  @Test
  void identityWithoutKubeSystemIsAClearFailure() {
    mock.client().namespaces().withName("kube-system").delete();

    KubeFailure failure = assertThrows(KubeFailure.class, cluster::identity);
    assertTrue(failure.getMessage().startsWith("Namespace kube-system not found on " + mock.url()),
        failure.getMessage());
  }

  @Test
  void applyingANamespaceIsIdempotent() {
    assertFalse(cluster.namespaceExists("flux-system"));

    cluster.applyNamespace("flux-system");
    var first = mock.client().namespaces().withName("flux-system").get().getMetadata();
    cluster.applyNamespace("flux-system");
    var second = mock.client().namespaces().withName("flux-system").get().getMetadata();

    assertTrue(cluster.namespaceExists("flux-system"));
    assertEquals(first.getUid(), second.getUid());
    assertEquals(first.getResourceVersion(), second.getResourceVersion());
    assertEquals(List.of("flux-system"), mock.client().namespaces().list().getItems().stream()
        .map(n -> n.getMetadata().getName()).filter(n -> n.startsWith("flux")).toList());
  }

  @Test
  void secretsAreAppliedAsOpaqueBase64AndReadBack() {
    byte[] binary = {0, (byte) 0xff, 10, 13, 'x'};
    cluster.applySecret("flux-system", "flux-system", Map.of("username", bytes("git"), "identity", binary));

    var raw = mock.client().secrets().inNamespace("flux-system").withName("flux-system").get();
    assertEquals("Opaque", raw.getType());
    assertEquals(Map.of("username", "Z2l0", "identity", "AP8KDXg="), raw.getData());

    SecretData read = cluster.readSecret("flux-system", "flux-system").orElseThrow();
    assertEquals("Opaque", read.type());
    assertEquals(Set.of("identity", "username"), read.data().keySet());
    assertArrayEquals(binary, read.data().get("identity"));
    assertArrayEquals(bytes("git"), read.data().get("username"));
  }

  @Test
  void readsSecretsStoredAsStringDataToo() {
    // what fabric8's mock keeps when a client sends stringData (a real server would fold it into data)
    mock.client().secrets().inNamespace("ns").resource(new SecretBuilder().withNewMetadata().withName("s")
        .endMetadata().withType("Opaque").addToData("a", "YWFh").addToStringData("b", "bbb")
        .addToStringData("a", "from-string-data").build()).create();

    SecretData read = cluster.readSecret("ns", "s").orElseThrow();

    assertEquals(Set.of("a", "b"), read.data().keySet());
    assertArrayEquals(bytes("bbb"), read.data().get("b"));
    assertArrayEquals(bytes("from-string-data"), read.data().get("a"), "stringData wins, as on a real server");
    assertEquals(Optional.empty(), cluster.readSecret("ns", "missing"));
  }

  @Test
  void applyingASecretLeavesExactlyTheGivenKeys() {
    mock.client().secrets().inNamespace("ns").resource(new SecretBuilder().withNewMetadata().withName("s")
        .endMetadata().withType("Opaque").addToData("password", "b2xk").addToData("ca.crt", "Y2E=")
        .addToStringData("extra", "e").build()).create();

    cluster.applySecret("ns", "s", Map.of("username", bytes("git"), "password", bytes("new-token")));

    SecretData read = cluster.readSecret("ns", "s").orElseThrow();
    assertEquals(Set.of("password", "username"), read.data().keySet());
    assertArrayEquals(bytes("new-token"), read.data().get("password"));
    var raw = mock.client().secrets().inNamespace("ns").withName("s").get();
    assertEquals(Set.of("password", "username"), raw.getData().keySet());
    assertTrue(raw.getStringData() == null || raw.getStringData().isEmpty());

    String version = raw.getMetadata().getResourceVersion();
    cluster.applySecret("ns", "s", Map.of("username", bytes("git"), "password", bytes("new-token")));
    assertEquals(version, mock.client().secrets().inNamespace("ns").withName("s").get()
        .getMetadata().getResourceVersion(), "the same secret applied again changes nothing");
  }

  @Test
  void getReturnsTheObjectAsMapsOrEmpty() {
    cluster.applyNamespace("flux-system");

    Map<String, Object> ns = cluster.get("v1", "Namespace", null, "flux-system").orElseThrow();

    assertEquals("Namespace", ns.get("kind"));
    assertEquals("flux-system", ((Map<?, ?>) ns.get("metadata")).get("name"));
    assertEquals(Optional.empty(), cluster.get("v1", "Namespace", null, "absent"));
    assertEquals(Optional.empty(), cluster.get("v1", "Secret", "flux-system", "absent"));
    assertEquals(Optional.empty(), cluster.get("example.com/v1", "Unknown", "flux-system", "x"),
        "an object of a kind the server does not serve does not exist");
  }

  @Test
  void deploymentsReportTheirAvailableCondition() {
    cluster.applyManifests(ApplyManifestsTest.resource("install-bundle.yaml"), Cluster.ApplyListener.NONE);
    mock.client().apps().deployments().inNamespace("flux-system").withName("kustomize-controller").editStatus(d -> {
      d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().addNewCondition()
          .withType("Available").withStatus("True").withMessage("has minimum availability").endCondition().build());
      return d;
    });

    Map<String, DeploymentStatus> status = cluster.deployments("flux-system",
        List.of("source-controller", "kustomize-controller", "helm-controller"));

    assertEquals(Map.of(
        "source-controller", new DeploymentStatus("source-controller", false, "no Available condition yet"),
        "kustomize-controller", new DeploymentStatus("kustomize-controller", true, "has minimum availability")),
        status);
  }

  @Test
  void canIIsEmptyWhenTheServerGivesNoAnswer() {
    assertEquals(Optional.empty(), cluster.canI("create", "", "secrets", "flux-system"));
  }

  @Test
  void canIReadsTheReviewStatus() {
    try (MockCluster withControllers = MockCluster.withControllers(RevisionSource.NONE)) {
      assertEquals(Optional.of(true), withControllers.cluster().canI("*", "*", "*", null));
    }
  }

  @Test
  void forbiddenNamesTheActionTheObjectAndTheServer() {
    mock.fail("GET", "/api/v1/namespaces/kube-system", 403);

    KubeFailure failure = assertThrows(KubeFailure.Forbidden.class, cluster::identity);

    assertEquals("forbidden to read Namespace kube-system: you need cluster-admin rights on " + mock.url()
        + " (the server said: mock: GET /api/v1/namespaces/kube-system refused)", failure.getMessage());
  }

  @Test
  void unauthorizedIsForbiddenToo() {
    mock.fail("PATCH", "/api/v1/namespaces/flux-system", 401);

    KubeFailure failure = assertThrows(KubeFailure.Forbidden.class, () -> cluster.applyNamespace("flux-system"));

    assertTrue(failure.getMessage().contains("401 Unauthorized) to apply Namespace flux-system"), failure.getMessage());
    assertTrue(failure.getMessage().contains("cluster-admin rights on " + mock.url()), failure.getMessage());
  }

  @Test
  void secretFailuresNeverCarrySecretValues() {
    String token = "super-secret-token-value";
    mock.fail("PATCH", "/api/v1/namespaces/flux-system/secrets/flux-system", 403);

    KubeFailure failure = assertThrows(KubeFailure.Forbidden.class,
        () -> cluster.applySecret("flux-system", "flux-system", Map.of("password", bytes(token))));

    assertTrue(failure.getMessage().startsWith("forbidden to apply Secret flux-system/flux-system"),
        failure.getMessage());
    assertFalse(failure.getMessage().contains(token));
    assertFalse(failure.getMessage().contains(java.util.Base64.getEncoder().encodeToString(bytes(token))));
  }

  @Test
  void scrubbingRemovesRawAndBase64Values() {
    String message = KubeErrors.scrub("value hunter22 or aHVudGVyMjI= rejected", List.of(bytes("hunter22")));
    assertEquals("value (redacted) or (redacted) rejected", message);
  }

  @Test
  void conflictsAreTranslated() {
    mock.fail("PATCH", "/apis/apps/v1/namespaces/flux-system/deployments", 409);

    KubeFailure failure = assertThrows(KubeFailure.Conflict.class, () -> cluster.applyManifests(
        ApplyManifestsTest.resource("install-bundle.yaml"), Cluster.ApplyListener.NONE));

    assertTrue(failure.getMessage().startsWith("conflict while trying to apply Deployment flux-system/source-controller"
        + " on " + mock.url()), failure.getMessage());
  }

  @Test
  void otherApiErrorsNameTheObject() {
    mock.fail("GET", "/api/v1/namespaces/flux-system/secrets/flux-system", 500);

    KubeFailure failure = assertThrows(KubeFailure.class, () -> cluster.readSecret("flux-system", "flux-system"));

    assertEquals(KubeFailure.class, failure.getClass());
    assertTrue(failure.getMessage().startsWith("cannot read Secret flux-system/flux-system on " + mock.url()
        + ": HTTP 500"), failure.getMessage());
  }
}
