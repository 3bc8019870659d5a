package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object order checked against real kustomize (the one in kubectl), rebuilding what Flux does:
 * each file of a manifests.tar.gz-like tree is made with {@code kustomize build} and its default
 * legacy sort (flux2 manifests/scripts/bundle.sh; the input is given in reverse to prove the sort),
 * then the kustomization flux2 pkg/manifestgen/install generates (namespace.yaml, policies.yaml,
 * roles, one file per component in list order) is built without reordering, as Flux's in-process
 * krusty build does (here: sortOptions fifo).
 */
class FluxKustomizeOrderTest {
  @TempDir Path dir;

  private List<String> kustomizeOrder(List<String> components) throws Exception {
    List<ManifestObject> objects = ManifestObjects.split(Fixtures.sandboxBundle(), "bundle");
    Path out = dir.resolve("out-" + String.join("-", components).hashCode());
    Files.createDirectories(out.resolve("roles"));
    for (String c : List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller",
        "image-reflector-controller", "image-automation-controller")) {
      legacyBuild(objects, o -> c.equals(o.component()), out.resolve(c + ".yaml"));
    }
    legacyBuild(objects, o -> o.component() == null && o.kind().equals("NetworkPolicy"), out.resolve("policies.yaml"));
    legacyBuild(objects, o -> o.component() == null && !o.kind().equals("NetworkPolicy") && !o.kind().equals("Namespace"),
        out.resolve("roles/rbac.yaml"));
    legacyBuild(objects, o -> o.kind().equals("Namespace"), out.resolve("namespace.yaml"));
    Files.writeString(out.resolve("roles/kustomization.yaml"), "resources:\n- rbac.yaml\n");
    StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        + "sortOptions:\n  order: fifo\nresources:\n- namespace.yaml\n- policies.yaml\n- roles\n");
    for (String c : components) k.append("- ").append(c).append(".yaml\n");
    Files.writeString(out.resolve("kustomization.yaml"), k.toString());
    return names(KustomizeBuildTest.run(KustomizeBuildTest.kubectl(), "kustomize", out.toString()));
  }

  /** {@code kubectl kustomize} of the selected objects, given in reverse order, written to {@code target}. */
  private void legacyBuild(List<ManifestObject> objects, Predicate<ManifestObject> select, Path target) throws Exception {
    List<ManifestObject> chosen = new ArrayList<>(objects.stream().filter(select).toList());
    java.util.Collections.reverse(chosen);
    Path base = Files.createTempDirectory(dir, "base");
    Files.writeString(base.resolve("in.yaml"), String.join("---\n", chosen.stream().map(ManifestObject::text).toList()),
        StandardCharsets.UTF_8);
    Files.writeString(base.resolve("kustomization.yaml"), "resources:\n- in.yaml\n");
    Files.writeString(target, KustomizeBuildTest.run(KustomizeBuildTest.kubectl(), "kustomize", base.toString()));
  }

  private static List<String> names(String yaml) {
    return ManifestObjects.split(yaml, "yaml").stream().map(o -> o.kind() + " " + o.name()).toList();
  }

  private static List<String> ours(List<String> components) {
    return names(ManifestRenderer.render(Fixtures.with(Fixtures.defaults(), "flux-system", components)).get(0).content());
  }

  @Test
  void sameOrderAsKustomizeForDefaultReorderedAndExtendedComponents() throws Exception {
    for (List<String> components : List.of(
        List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller"),
        List.of("kustomize-controller", "notification-controller", "source-controller"),
        List.of("source-controller", "kustomize-controller", "helm-controller", "notification-controller",
            "image-reflector-controller", "image-automation-controller"))) {
      assertEquals(kustomizeOrder(components), ours(components), components.toString());
    }
  }
}
