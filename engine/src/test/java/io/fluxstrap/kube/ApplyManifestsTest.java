package io.fluxstrap.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fluxstrap.kube.sandbox.RevisionSource;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ApplyManifestsTest {
  static String resource(String name) {
    try (InputStream in = ApplyManifestsTest.class.getResourceAsStream("/kube/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final List<String> CRDS =
      List.of("gitrepositories.source.toolkit.fluxcd.io", "kustomizations.kustomize.toolkit.fluxcd.io");

  @Test
  void appliesCrdsAndNamespacesFirstThenTheRestInFileOrder() {
    try (MockCluster mock = MockCluster.start()) {
      List<String> order = new ArrayList<>();
      int applied = mock.cluster().applyManifests(resource("install-bundle.yaml"),
          (kind, name, done, total) -> order.add(kind + "/" + name + " " + done + "/" + total));

      assertEquals(9, applied);
      assertEquals(List.of(
          "CustomResourceDefinition/gitrepositories.source.toolkit.fluxcd.io 1/9",
          "Namespace/flux-system 2/9",
          "CustomResourceDefinition/kustomizations.kustomize.toolkit.fluxcd.io 3/9",
          "ServiceAccount/source-controller 4/9",
          "ServiceAccount/kustomize-controller 5/9",
          "ClusterRole/crd-controller-flux-system 6/9",
          "ClusterRoleBinding/cluster-reconciler-flux-system 7/9",
          "Deployment/source-controller 8/9",
          "Deployment/kustomize-controller 9/9"), order);
      assertEquals("restricted",
          mock.client().namespaces().withName("flux-system").get().getMetadata().getLabels()
              .get("pod-security.kubernetes.io/warn"));
      assertEquals("ghcr.io/fluxcd/source-controller:v1.4.1", mock.client().apps().deployments()
          .inNamespace("flux-system").withName("source-controller").get()
          .getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
      assertEquals("kustomize-controller", mock.client().rbac().clusterRoleBindings()
          .withName("cluster-reconciler-flux-system").get().getSubjects().get(0).getName());
    }
  }

  @Test
  void applyingTheSameBundleTwiceChangesNothing() {
    try (MockCluster mock = MockCluster.start()) {
      String bundle = resource("install-bundle.yaml");
      mock.cluster().applyManifests(bundle, Cluster.ApplyListener.NONE);
      Map<String, String> before = versions(mock);
      assertEquals(9 + 2, before.size()); // the bundle plus kube-system and default

      assertEquals(9, mock.cluster().applyManifests(bundle, Cluster.ApplyListener.NONE));

      assertEquals(before, versions(mock));
    }
  }

  /** Every object's uid and resourceVersion: any write that changed something shows up here. */
  static Map<String, String> versions(MockCluster mock) {
    var c = mock.client();
    Map<String, String> versions = new TreeMap<>();
    Stream.of(c.namespaces().list().getItems(), c.serviceAccounts().inAnyNamespace().list().getItems(),
            c.apiextensions().v1().customResourceDefinitions().list().getItems(),
            c.rbac().clusterRoles().list().getItems(), c.rbac().clusterRoleBindings().list().getItems(),
            c.apps().deployments().inAnyNamespace().list().getItems())
        .flatMap(List::stream)
        .forEach((HasMetadata o) -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
            o.getMetadata().getUid() + "@" + o.getMetadata().getResourceVersion()));
    return versions;
  }

  @Test
  void customResourcesCanBeAppliedAndReadBackFieldByField() {
    try (MockCluster mock = MockCluster.start()) {
      Cluster cluster = mock.cluster();
      assertEquals(Optional.empty(),
          cluster.get("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system"));
      cluster.applyManifests(resource("install-bundle.yaml"), Cluster.ApplyListener.NONE);
      assertEquals(Optional.empty(),
          cluster.get("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system"));

      assertEquals(2, cluster.applyManifests(resource("sync.yaml"), Cluster.ApplyListener.NONE));

      Map<String, Object> repo =
          cluster.get("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system").orElseThrow();
      assertEquals("GitRepository", repo.get("kind"));
      Map<?, ?> spec = (Map<?, ?>) repo.get("spec");
      assertEquals("1m0s", spec.get("interval"));
      assertEquals(Map.of("branch", "main"), spec.get("ref"));
      assertEquals(Map.of("name", "flux-system"), spec.get("secretRef"));
      assertEquals("https://dev.azure.com/org/project/_git/repo", spec.get("url"));

      Map<String, Object> ks = cluster.get("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "flux-system",
          "flux-system").orElseThrow();
      Map<?, ?> ksSpec = (Map<?, ?>) ks.get("spec");
      assertEquals("10m0s", ksSpec.get("interval"));
      assertEquals("./clusters/my-cluster", ksSpec.get("path"));
      assertEquals(true, ksSpec.get("prune"));
      assertEquals(Map.of("kind", "GitRepository", "name", "flux-system"), ksSpec.get("sourceRef"));
      assertEquals("flux-system", ((Map<?, ?>) ks.get("metadata")).get("namespace"));
    }
  }

  @Test
  void waitsForCrdsToBeEstablishedAndNamesTheOneThatIsNot() {
    try (MockCluster mock = MockCluster.start();
        Cluster strict = mock.cluster(new Fabric8Cluster.Options(Duration.ofMillis(600), false))) {
      // fabric8's mock never sets a CRD's status: a strict wait must give up, naming the CRD
      KubeFailure failure = assertThrows(KubeFailure.class,
          () -> strict.applyManifests(resource("install-bundle.yaml"), Cluster.ApplyListener.NONE));
      assertTrue(failure.getMessage().contains("CustomResourceDefinition gitrepositories.source.toolkit.fluxcd.io"
          + " is not Established on " + mock.url()), failure.getMessage());
      assertTrue(failure.getMessage().contains("no status conditions"), failure.getMessage());
      // the objects after the CRDs were not applied
      assertEquals(null, mock.client().apps().deployments().inNamespace("flux-system")
          .withName("source-controller").get());
    }
  }

  @Test
  void establishedCrdsAreWaitedForStrictlyWhenTheServerSetsTheirStatus() {
    try (MockCluster mock = MockCluster.withControllers(RevisionSource.NONE);
        Cluster strict = mock.cluster(new Fabric8Cluster.Options(Duration.ofSeconds(5), false))) {
      assertEquals(9, strict.applyManifests(resource("install-bundle.yaml"), Cluster.ApplyListener.NONE));
      var crd = mock.client().apiextensions().v1().customResourceDefinitions().withName(CRDS.get(0)).get();
      assertTrue(crd.getStatus().getConditions().stream()
          .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True")));
      assertTrue(crd.getStatus().getConditions().get(0).getMessage().startsWith("sandbox:"));
    }
  }

  @Test
  void rejectsADocumentThatIsNotAnObject() {
    try (MockCluster mock = MockCluster.start()) {
      KubeFailure failure = assertThrows(KubeFailure.class, () -> mock.cluster()
          .applyManifests("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nfoo: bar\n",
              Cluster.ApplyListener.NONE));
      assertEquals("manifest document 2 is not a Kubernetes object (it needs apiVersion, kind and metadata.name)",
          failure.getMessage());
      assertFalse(mock.cluster().namespaceExists("a"), "nothing is applied from a bundle that does not parse");
    }
  }
}
