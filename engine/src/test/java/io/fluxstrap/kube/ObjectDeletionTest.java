package io.fluxstrap.kube;

import static io.fluxstrap.testing.FluxKinds.GIT_REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fluxstrap.testing.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generic operations a destroy uses, against the API stand-in: list by label, merge patch, delete. */
class ObjectDeletionTest {
  static final String SOURCE = "source.toolkit.fluxcd.io/v1";

  @Test
  void listsByLabelPatchesAndDeletesIdempotently() {
    try (MockCluster mock = MockCluster.start()) {
      Cluster k = mock.cluster(mock.options(Duration.ofSeconds(5)));
      k.applyManifests(ApplyManifestsFixture.bundle(), Cluster.ApplyListener.NONE);
      List<ObjectRef> crds = k.list("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "app.kubernetes.io/part-of=flux");
      assertTrue(crds.stream().anyMatch(c -> c.name().equals("gitrepositories.source.toolkit.fluxcd.io")), crds.toString());
      assertFalse(k.list("apps/v1", "Deployment", "flux-system", "control-plane=controller").isEmpty());
      assertEquals(List.of(), k.list("apps/v1", "Deployment", "flux-system", "app.kubernetes.io/part-of=other"));

      GenericKubernetesResource repo = new GenericKubernetesResourceBuilder().withApiVersion(SOURCE).withKind("GitRepository")
          .withNewMetadata().withName("podinfo").withNamespace("flux-system").withFinalizers("finalizers.fluxcd.io").endMetadata()
          .withAdditionalProperties(Map.of("spec", Map.of("url", "https://example.com/podinfo", "interval", "1m"))).build();
      mock.client().genericKubernetesResources(GIT_REPOSITORY).inNamespace("flux-system").resource(repo).create();

      assertTrue(k.mergePatch(SOURCE, "GitRepository", "flux-system", "podinfo", "{\"spec\":{\"suspend\":true}}"));
      assertEquals(true, ((Map<?, ?>) k.get(SOURCE, "GitRepository", "flux-system", "podinfo").orElseThrow().get("spec")).get("suspend"));
      // With a finalizer and no controller to remove it, a delete only marks the object terminating (the stand-in
      // behaves as an API server here); removing the finalizers, as destroy does, lets it go.
      assertTrue(k.delete(SOURCE, "GitRepository", "flux-system", "podinfo"));
      Map<?, ?> meta = (Map<?, ?>) k.get(SOURCE, "GitRepository", "flux-system", "podinfo").orElseThrow().get("metadata");
      assertTrue(meta.get("deletionTimestamp") != null, meta.toString());
      assertTrue(k.mergePatch(SOURCE, "GitRepository", "flux-system", "podinfo", "{\"metadata\":{\"finalizers\":null}}"));
      k.delete(SOURCE, "GitRepository", "flux-system", "podinfo");
      assertFalse(k.exists(SOURCE, "GitRepository", "flux-system", "podinfo"));
      assertFalse(k.delete(SOURCE, "GitRepository", "flux-system", "podinfo"), "deleting what is gone is a no-op");
      assertFalse(k.mergePatch(SOURCE, "GitRepository", "flux-system", "podinfo", "{}"));
      assertEquals(List.of(), k.list("example.com/v1", "Unserved", null, null), "a kind not served has no objects");
      k.close();
    }
  }
}
