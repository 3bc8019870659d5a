package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.spec.FluxSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The shipped reduced bundle keeps the shape of Flux's release that the rest of fluxstrap relies on. */
class SandboxBundleTest {
  private final List<ManifestObject> objects = ManifestObjects.split(Fixtures.sandboxBundle(), "sandbox bundle");

  private ManifestObject find(String kind, String name) {
    return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("missing " + kind + " " + name));
  }

  @Test
  void saysItIsAReducedFixture() {
    assertTrue(Fixtures.sandboxBundle().startsWith("# fluxstrap sandbox fixture: a REDUCED stand-in"));
  }

  @Test
  void hasADeploymentPerControllerWithFluxLabels() {
    List<String> controllers = Stream.concat(FluxSpec.DEFAULT_COMPONENTS.stream(), FluxSpec.EXTRA_COMPONENTS.stream()).toList();
    for (String c : controllers) {
      ManifestObject d = find("Deployment", c);
      assertEquals("flux-system", d.namespace());
      assertEquals(Map.of("app.kubernetes.io/component", c, "app.kubernetes.io/instance", "flux-system",
          "app.kubernetes.io/part-of", "flux", "app.kubernetes.io/version", "v2.9.5", "control-plane", "controller"),
          d.labels());
      JsonNode container = d.tree().path("spec").path("template").path("spec").path("containers").get(0);
      assertTrue(container.path("image").asString().startsWith("ghcr.io/fluxcd/" + c + ":v"), container.toString());
      assertEquals(c, find("ServiceAccount", c).component());
    }
  }

  @Test
  void hasTheNamespaceCrdsAndRbacFluxNeeds() {
    assertEquals("restricted", find("Namespace", "flux-system").labels().get("pod-security.kubernetes.io/warn"));
    for (String crd : List.of("gitrepositories.source.toolkit.fluxcd.io", "helmrepositories.source.toolkit.fluxcd.io",
        "kustomizations.kustomize.toolkit.fluxcd.io", "helmreleases.helm.toolkit.fluxcd.io")) {
      JsonNode version = find("CustomResourceDefinition", crd).tree().path("spec").path("versions").get(0);
      assertTrue(version.path("schema").path("openAPIV3Schema").path("x-kubernetes-preserve-unknown-fields").asBoolean(), crd);
      assertTrue(version.path("storage").asBoolean(), crd);
    }
    assertEquals("cluster-admin", find("ClusterRoleBinding", "cluster-reconciler-flux-system").tree()
        .path("roleRef").path("name").asString());
    find("ClusterRole", "crd-controller-flux-system");
    assertEquals(3, objects.stream().filter(o -> o.kind().equals("NetworkPolicy")).count());
  }
}
