package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.manifests.ComponentsInventory;
import io.fluxstrap.manifests.ManifestRenderer;
import io.fluxstrap.manifests.RenderInput;
import io.fluxstrap.testing.ReleaseServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Object-level diffs between two renderings of the test tree's release fixtures. */
class ComponentsChangeTest {
  private static final List<String> DEFAULT = List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller");

  private static ComponentsInventory rendered(String version, List<String> components) {
    String bundle = new String(ReleaseServer.file(version, "install.yaml"), StandardCharsets.UTF_8);
    String yaml = ManifestRenderer.render(new RenderInput("clusters/dev/flux-system", "clusters/dev", "flux-system", "flux-system",
        "https://dev.azure.com/o/p/_git/r", "main", "1m0s", version, components, bundle)).get(0).content();
    return ComponentsInventory.of(yaml, version);
  }

  @Test
  void anUpgradeListsImagesAndCrdVersions() {
    ComponentsChange c = ComponentsChange.between("v2.7.5", "v2.9.5", rendered("v2.7.5", DEFAULT), rendered("v2.9.5", DEFAULT));
    assertEquals(List.of(), c.added());
    assertEquals(List.of(), c.removed());
    assertEquals(new ComponentsChange.ImageChange("notification-controller", "ghcr.io/fluxcd/notification-controller:v1.7.5",
        "ghcr.io/fluxcd/notification-controller:v1.9.4"), c.images().get(3));
    assertEquals(new ComponentsChange.CrdChange("kustomizations.kustomize.toolkit.fluxcd.io", List.of("v1", "v1beta2"), List.of("v1"), "v1", "v1"),
        c.crds().get(2));
    assertTrue(c.detailed());
  }

  @Test
  void anExtraComponentAddsItsObjectsAndDroppingOneRemovesThem() {
    List<String> more = List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller",
        "image-reflector-controller");
    ComponentsChange added = ComponentsChange.between("v2.9.5", "v2.9.5", rendered("v2.9.5", DEFAULT), rendered("v2.9.5", more));
    assertEquals(List.of("ServiceAccount flux-system/image-reflector-controller", "Deployment flux-system/image-reflector-controller"),
        added.added());
    assertEquals(List.of(), added.images());
    ComponentsChange removed = ComponentsChange.between("v2.9.5", "v2.9.5", rendered("v2.9.5", more), rendered("v2.9.5", DEFAULT));
    assertEquals(added.added(), removed.removed());
  }

  @Test
  void versionsOrderAsSemver() {
    assertTrue(FluxVersion.compare("v2.7.5", "v2.9.5") < 0);
    assertTrue(FluxVersion.compare("v2.10.0", "v2.9.5") > 0);
    assertTrue(FluxVersion.compare("v2.8.0-rc.1", "v2.8.0") < 0);
    assertTrue(FluxVersion.compare("v2.8.0-rc.2", "v2.8.0-rc.10") < 0);
    assertEquals(0, FluxVersion.compare("v2.9.5", "v2.9.5"));
  }
}
