package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.ClusterIdentity;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.ClusterRecord;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.SpecLoader;
import io.fluxstrap.state.LocalStateStore;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.FluxKinds;
import io.fluxstrap.testing.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --prune-workloads deletes what the flux-system Kustomization applied (its status.inventory), and
 * nothing of Flux itself; without it the workloads stay. A destroy that keeps the repository files
 * needs no Git at all.
 */
class PruneWorkloadsScenarioTest {
  @TempDir Path tmp;

  @Test
  void pruneWorkloadsDeletesTheInventoryButNotFlux() throws Exception {
    try (MockCluster mock = MockCluster.start()) {
      Files.createDirectories(tmp.resolve("flux"));
      Files.copy(PatWorld.BUNDLE, tmp.resolve("flux/install.yaml"));
      Files.writeString(tmp.resolve("spec.yaml"), """
          name: prune
          repositories:
            fleet:
              url: https://dev.azure.com/contoso/platform/_git/fleet
              auth:
                token: {env: GIT_PASSWORD}
          clusters:
            dev:
              kubeconfig: {path: %s}
              repository: fleet
              path: clusters/dev
              flux:
                version: v2.7.5
                manifests: {file: flux/install.yaml}
          """.formatted(mock.kubeconfig()));
      Cluster k = mock.cluster(mock.options(Duration.ofSeconds(5)));
      k.applyManifests(Files.readString(PatWorld.BUNDLE), Cluster.ApplyListener.NONE);
      mock.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build()).create();
      mock.client().configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata().withName("podinfo").endMetadata().build()).create();
      mock.client().configMaps().inNamespace("apps").resource(new ConfigMapBuilder().withNewMetadata().withName("not-flux-managed").endMetadata().build()).create();
      GenericKubernetesResource ks = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
          .withApiVersion("kustomize.toolkit.fluxcd.io/v1").withKind("Kustomization")
          .withNewMetadata().withName("flux-system").withNamespace("flux-system").endMetadata()
          .withAdditionalProperties(Map.of("spec", Map.of("path", "./clusters/dev"), "status", Map.of("inventory", Map.of("entries", List.of(
              Map.of("id", "apps_podinfo__ConfigMap", "v", "v1"),
              Map.of("id", "flux-system_source-controller_apps_Deployment", "v", "v1"),
              Map.of("id", "_flux-system__Namespace", "v", "v1")))))).build();
      var kustomizations = mock.client().genericKubernetesResources(FluxKinds.KUSTOMIZATION).inNamespace("flux-system");
      kustomizations.resource(ks).create();
      kustomizations.withName("flux-system").editStatus(o -> {
        o.setAdditionalProperty("status", ks.getAdditionalProperties().get("status"));
        return o;
      });
      assertTrue(kustomizations.withName("flux-system").get().getAdditionalProperties().containsKey("status"), "inventory arranged");

      // State as an apply of this spec recorded it.
      ClusterSpec dev = new SpecLoader(Map.of("GIT_PASSWORD", "x")).load(tmp.resolve("spec.yaml"), new io.fluxstrap.diag.Diagnostics()).clusters().get("dev");
      ClusterIdentity id = k.identity();
      State s = State.empty("test");
      s = s.with(Addresses.cluster("dev"), new ResourceState("cluster", ClusterRecord.attributes(dev, id)));
      s = s.with(Addresses.components("dev"), new ResourceState("components", Map.of("version", "v2.7.5")));
      s = s.with(Addresses.sync("dev"), new ResourceState("sync", Map.of("path", "./clusters/dev")));
      new LocalStateStore(tmp.resolve("state/prune.state.json")).write(s);

      CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", "prune-token");
      CliRunner.Result r = cli.run("destroy", "-f", "spec.yaml", "--auto-approve", "--prune-workloads", "--keep-repository-files", "--keep-crds",
          "--refresh=false");
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("# cluster.dev.workloads will be destroyed"), r.out());
      assertTrue(r.err().contains("1 object(s) of the inventory deleted"), r.err());
      assertNull(mock.client().configMaps().inNamespace("apps").withName("podinfo").get(), "in the inventory: pruned");
      assertNotNull(mock.client().configMaps().inNamespace("apps").withName("not-flux-managed").get(), "not in the inventory: kept");
      assertNotNull(mock.client().namespaces().withName("apps").get());
      assertNull(mock.client().apps().deployments().inNamespace("flux-system").withName("source-controller").get(), "gone with the components");
      assertNull(mock.client().namespaces().withName("flux-system").get());
      assertFalse(Files.readString(tmp.resolve("state/prune.state.json")).contains("cluster.dev"));
      k.close();
    }
  }
}
