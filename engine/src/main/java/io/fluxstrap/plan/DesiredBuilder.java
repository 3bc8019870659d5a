package io.fluxstrap.plan;

import io.fluxstrap.manifests.ComponentsSource;
import io.fluxstrap.manifests.ManifestRenderer;
import io.fluxstrap.manifests.RenderInput;
import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.FluxSpec;
import io.fluxstrap.spec.ManifestSource;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.SyncAuth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the desired form of every cluster of a spec: renders its manifests (pure, from the
 * release bundle) and fingerprints its secret. Bundles are loaded once per source.
 */
public final class DesiredBuilder {
  private final ComponentsSource components;
  private final Credentials credentials;
  private final Map<ManifestSource, String> bundles = new HashMap<>();

  public DesiredBuilder(ComponentsSource components, Credentials credentials) {
    this.components = components;
    this.credentials = credentials;
  }

  public Map<String, DesiredCluster> build(Spec spec, String lineage) {
    Map<String, DesiredCluster> out = new LinkedHashMap<>();
    for (ClusterSpec c : spec.clusters().values()) {
      out.put(c.name(), build(c, spec.repositoryOf(c), lineage));
    }
    return out;
  }

  public DesiredCluster build(ClusterSpec c, RepositorySpec repo, String lineage) {
    FluxSpec flux = c.flux();
    String bundle = bundles.computeIfAbsent(flux.manifests(), components::load);
    String url = syncUrl(c, repo);
    List<RenderedFile> files = ManifestRenderer.render(new RenderInput(
        c.fluxDir(), c.syncPath(), flux.namespace(), flux.secretName(), url, repo.branch(),
        flux.interval(), flux.version(), flux.allComponents(), bundle));
    Map<String, byte[]> secret = SecretContents.of(c, repo, credentials);
    return new DesiredCluster(c, repo, url, files, List.copyOf(secret.keySet()), Fingerprints.secretData(lineage, secret));
  }

  /** The URL source-controller uses: for token auth, the repository URL itself. */
  static String syncUrl(ClusterSpec c, RepositorySpec repo) {
    if (c.sync() instanceof SyncAuth.Token) return repo.url();
    throw new IllegalArgumentException("unsupported sync auth " + c.sync());
  }
}
