package io.fluxstrap.scenario;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.manifests.ManifestRenderer;
import io.fluxstrap.manifests.RenderInput;
import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.spec.FluxSpec;
import io.fluxstrap.testing.FluxKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster and repository laid out exactly as FLUX-FACTS.md says {@code flux bootstrap git
 * --token-auth --path=clusters/dev} leaves them, made without fluxstrap apply: the three files
 * pushed with the git CLI in Flux's two commits, and on the mock cluster the namespace, the
 * Secret (username/password as base64 data), the components and the sync objects, applied with
 * field manager flux (CRDs first) so the simulated controllers make them Ready.
 */
final class FluxBootstrapped {
  private FluxBootstrapped() {}

  static void bootstrap(PatWorld world, String interval) {
    try {
      bootstrap(world, interval, "v2.7.5", Files.readString(PatWorld.BUNDLE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@code flux bootstrap git} of Flux {@code version} would, from that release's install.yaml. */
  static void bootstrap(PatWorld world, String interval, String version, String bundle) {
    String url = world.git.url(world.repoName);
    List<RenderedFile> files = ManifestRenderer.render(new RenderInput("clusters/dev/flux-system", "clusters/dev", "flux-system",
        "flux-system", url, "main", interval, version, FluxSpec.DEFAULT_COMPONENTS, bundle));
    Path clone = world.cloneRepo();
    write(clone, files.get(0));
    world.gitCli.ok(clone, "add", "--", files.get(0).path());
    world.gitCli.ok(clone, "-c", "user.name=Flux", "commit", "--quiet", "-m", "Add Flux " + version + " component manifests");
    write(clone, files.get(1));
    write(clone, files.get(2));
    world.gitCli.ok(clone, "add", "--", files.get(1).path(), files.get(2).path());
    world.gitCli.ok(clone, "-c", "user.name=Flux", "commit", "--quiet", "-m", "Add Flux sync manifests");
    world.gitCli.ok(clone, "push", "--quiet", "origin", "HEAD:refs/heads/main");

    KubernetesClient client = world.cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build()).create();
    Cluster k = world.cluster.cluster();
    k.applyManifests(files.get(0).content(), Cluster.ApplyListener.NONE);
    client.secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata().withName("flux-system").withNamespace("flux-system")
        .endMetadata().withType("Opaque")
        .withData(Map.of("username", b64("git"), "password", b64(world.git.token()))).build()).create();
    k.applyManifests(files.get(1).content(), Cluster.ApplyListener.NONE);
  }

  /** resourceVersion of every object bootstrap made on the cluster, by kind/name (reading first lets the controllers settle). */
  static Map<String, String> resourceVersions(PatWorld world) {
    KubernetesClient client = world.cluster.client();
    Map<String, String> out = new TreeMap<>();
    put(out, client.namespaces().withName("flux-system").get());
    put(out, client.secrets().inNamespace("flux-system").withName("flux-system").get());
    for (var ctx : List.of(FluxKinds.GIT_REPOSITORY, FluxKinds.KUSTOMIZATION)) {
      GenericKubernetesResource r = client.genericKubernetesResources(ctx).inNamespace("flux-system").withName("flux-system").get();
      put(out, r);
    }
    client.apps().deployments().inNamespace("flux-system").list().getItems().forEach(d -> put(out, d));
    client.apiextensions().v1().customResourceDefinitions().list().getItems().forEach(d -> put(out, d));
    return out;
  }

  private static void put(Map<String, String> out, HasMetadata o) {
    if (o != null) out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion());
  }

  private static void write(Path clone, RenderedFile f) {
    try {
      Path p = clone.resolve(f.path());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.content(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
