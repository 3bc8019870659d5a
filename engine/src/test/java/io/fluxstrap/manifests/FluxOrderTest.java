package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * gotk-components.yaml lists objects as Flux's kustomize build does: namespace.yaml, policies.yaml,
 * roles (rbac.yaml), then one file per component in the order of the components list, each file
 * in kustomize's legacy kind order. The expected sequences are written out by hand from that
 * layout (flux2 pkg/manifestgen/install templates.go and manifests/scripts/bundle.sh), not computed.
 */
class FluxOrderTest {
  private static final List<String> SHARED = List.of(
      "Namespace flux-system",
      "NetworkPolicy allow-egress", "NetworkPolicy allow-scraping", "NetworkPolicy allow-webhooks",
      "ResourceQuota critical-pods-flux-system",
      "ClusterRole crd-controller-flux-system",
      "ClusterRoleBinding cluster-reconciler-flux-system", "ClusterRoleBinding crd-controller-flux-system");
  private static final List<String> SOURCE = List.of(
      "CustomResourceDefinition gitrepositories.source.toolkit.fluxcd.io",
      "CustomResourceDefinition helmrepositories.source.toolkit.fluxcd.io",
      "ServiceAccount source-controller", "Service source-controller", "Deployment source-controller");
  private static final List<String> KUSTOMIZE = List.of(
      "CustomResourceDefinition kustomizations.kustomize.toolkit.fluxcd.io",
      "ServiceAccount kustomize-controller", "Deployment kustomize-controller");
  private static final List<String> HELM = List.of(
      "CustomResourceDefinition helmreleases.helm.toolkit.fluxcd.io",
      "ServiceAccount helm-controller", "Deployment helm-controller");
  private static final List<String> NOTIFICATION = List.of(
      "ServiceAccount notification-controller", "Service notification-controller", "Service webhook-receiver",
      "Deployment notification-controller");
  private static final List<String> REFLECTOR = List.of(
      "ServiceAccount image-reflector-controller", "Deployment image-reflector-controller");

  private static List<String> rendered(List<String> components, String bundle) {
    RenderInput in = Fixtures.with(Fixtures.defaults(), "flux-system", components);
    in = new RenderInput(in.fluxDir(), in.syncPath(), in.namespace(), in.secretName(), in.url(), in.branch(),
        in.interval(), in.version(), in.components(), bundle);
    return ManifestObjects.split(ManifestRenderer.render(in).get(0).content(), "out").stream()
        .map(o -> o.kind() + " " + o.name()).toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    return Stream.of(parts).flatMap(List::stream).toList();
  }

  @Test
  void defaultComponents() {
    assertEquals(concat(SHARED, SOURCE, KUSTOMIZE, HELM, NOTIFICATION), rendered(
        List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller"),
        Fixtures.sandboxBundle()));
  }

  @Test
  void reorderedComponentsListGivesThatOrder() {
    assertEquals(concat(SHARED, NOTIFICATION, KUSTOMIZE, SOURCE), rendered(
        List.of("notification-controller", "kustomize-controller", "source-controller"), Fixtures.sandboxBundle()));
  }

  @Test
  void extendedComponentsFollowTheList() {
    assertEquals(concat(SHARED, SOURCE, KUSTOMIZE, HELM, NOTIFICATION, REFLECTOR), rendered(
        List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller",
            "image-reflector-controller"), Fixtures.sandboxBundle()));
  }

  /** The output depends on the objects and the list only: a bundle in any order renders the same bytes. */
  @Test
  void inputOrderDoesNotMatter() {
    List<ManifestObject> objects = new ArrayList<>(ManifestObjects.split(Fixtures.sandboxBundle(), "bundle"));
    Collections.shuffle(objects, new Random(7));
    String shuffled = String.join("---\n", objects.stream().map(ManifestObject::text).toList());
    List<String> components = List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller");
    RenderInput in = Fixtures.defaults();
    RenderInput other = new RenderInput(in.fluxDir(), in.syncPath(), in.namespace(), in.secretName(), in.url(),
        in.branch(), in.interval(), in.version(), components, shuffled);
    assertEquals(ManifestRenderer.render(in).get(0).content(), ManifestRenderer.render(other).get(0).content());
  }

  /** A gotk-components.yaml written by flux bootstrap is accepted as the bundle: the same bytes come out. */
  @Test
  void aGotkComponentsFileAsInputRendersTheSameBytes() {
    RenderInput in = Fixtures.defaults();
    String gotk = ManifestRenderer.render(in).get(0).content();
    RenderInput fromGotk = new RenderInput(in.fluxDir(), in.syncPath(), in.namespace(), in.secretName(), in.url(),
        in.branch(), in.interval(), in.version(), in.components(), gotk);
    assertEquals(gotk, ManifestRenderer.render(fromGotk).get(0).content());
  }
}
