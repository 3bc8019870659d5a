package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fluxstrap.kube.ApplyManifestsFixture;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.testing.MockCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox dispatcher's emulation of server-side apply, seen through a client. */
class ServerSideApplyTest {
  private static ConfigMap configMap(Map<String, String> labels, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ns").withLabels(labels)
        .endMetadata().withData(data).build();
  }

  @Test
  void createsWhenAbsentThenMergesMapsAndKeepsIdentity() {
    try (MockCluster mock = MockCluster.start()) {
      var client = mock.client();
      ConfigMap created = client.resource(configMap(Map.of("a", "1"), Map.of("x", "1", "y", "2")))
          .fieldManager("flux").forceConflicts().serverSideApply();

      ConfigMap merged = client.resource(configMap(Map.of("b", "2"), Map.of("x", "changed")))
          .fieldManager("flux").forceConflicts().serverSideApply();

      // The same field manager applied a, y before and leaves them out now: removed, as by a real API server.
      assertEquals(Map.of("b", "2"), merged.getMetadata().getLabels());
      assertEquals(Map.of("x", "changed"), merged.getData());
      assertEquals(created.getMetadata().getUid(), merged.getMetadata().getUid());
      assertNotEquals(created.getMetadata().getResourceVersion(), merged.getMetadata().getResourceVersion());
      assertEquals(merged, client.configMaps().inNamespace("ns").withName("cm").get());
    }
  }

  @Test
  void listsAreReplacedAndSpecChangesBumpTheGeneration() {
    try (MockCluster mock = MockCluster.start()) {
      Cluster cluster = mock.cluster();
      cluster.applyManifests(ApplyManifestsFixture.bundle(), Cluster.ApplyListener.NONE);
      var deployments = mock.client().apps().deployments().inNamespace("flux-system");
      Deployment before = deployments.withName("source-controller").get();

      Deployment changed = deployments.withName("source-controller").get();
      changed.getMetadata().setResourceVersion(null);
      changed.getMetadata().setManagedFields(null);
      changed.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(List.of("--log-level=debug"));
      mock.client().resource(changed).fieldManager("flux").forceConflicts().serverSideApply();

      Deployment after = deployments.withName("source-controller").get();
      assertEquals(List.of("--log-level=debug"), after.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
      assertEquals(before.getMetadata().getGeneration() + 1, after.getMetadata().getGeneration());
      assertEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
    }
  }

  @Test
  void applyNeverTouchesTheStatusOfACustomResource() {
    try (MockCluster mock = MockCluster.start()) {
      mock.cluster().applyManifests(ApplyManifestsFixture.bundle(), Cluster.ApplyListener.NONE);
      mock.cluster().applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);
      var repos = mock.client().genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
          .inNamespace("flux-system").withName("flux-system");
      repos.editStatus(r -> {
        r.setAdditionalProperty("status", Map.of("observedGeneration", 1));
        return r;
      });

      GenericKubernetesResource applied = mock.client().getKubernetesSerialization().unmarshal(
          ApplyManifestsFixture.sync().split("---")[1].replace("interval: 1m0s", "interval: 2m0s"));
      applied.setAdditionalProperty("status", Map.of("observedGeneration", 99));
      mock.client().resource(applied).fieldManager("flux").forceConflicts().serverSideApply();

      GenericKubernetesResource live = repos.get();
      assertEquals("2m0s", ((Map<?, ?>) live.getAdditionalProperties().get("spec")).get("interval"));
      assertEquals(Map.of("observedGeneration", 1), live.getAdditionalProperties().get("status"));
    }
  }

  @Test
  void anAppliedObjectMustMatchItsPath() throws Exception {
    try (MockCluster mock = MockCluster.start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(mock.url() + "/api/v1/namespaces/ns/configmaps/one?fieldManager=flux&force=true"))
          .header("Content-Type", "application/apply-patch+yaml")
          .method("PATCH", HttpRequest.BodyPublishers.ofString(
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: ns}\n"))
          .build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(400, response.statusCode());
      assertTrue(response.body().contains("the name of the object (other) does not match the URL (one)"),
          response.body());
      assertEquals(null, mock.client().configMaps().inNamespace("ns").withName("other").get());
    }
  }
}
