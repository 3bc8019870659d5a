package io.fluxstrap.plan;

import io.fluxstrap.manifests.ComponentsSource;
import io.fluxstrap.manifests.ManifestRenderer;
import io.fluxstrap.manifests.RenderInput;
import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.FluxSpec;
import io.fluxstrap.spec.GitUrls;
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
  private final TrustedHosts hosts;
  private final Map<ManifestSource, String> bundles = new HashMap<>();

  public DesiredBuilder(ComponentsSource components, Credentials credentials) {
    this(components, credentials, TrustedHosts.none());
  }

  /** {@code hosts}: the trusted host keys the SSH clusters' known_hosts are made of. */
  public DesiredBuilder(ComponentsSource components, Credentials credentials, TrustedHosts hosts) {
    this.components = components;
    this.credentials = credentials;
    this.hosts = hosts;
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
    var identity = c.sync() instanceof SyncAuth.WorkloadIdentity w
        ? new io.fluxstrap.manifests.WorkloadIdentityPatches.Identity(w.clientId(), w.tenantId()) : null;
    List<RenderedFile> files = ManifestRenderer.render(new RenderInput(
        c.fluxDir(), c.syncPath(), flux.namespace(), flux.secretName(), url, repo.branch(),
        flux.interval(), flux.version(), flux.allComponents(), bundle, identity));
    if (identity != null) return new DesiredCluster(c, repo, url, files, List.of(), null); // no secret at all
    if (c.sync() instanceof SyncAuth.Ssh ssh) {
      String knownHosts = hosts.get(SshEndpoint.ofUrl(url)).text();
      if (ssh.generate() != null) {
        // only known_hosts is known before apply: the key is generated then
        Map<String, String> known = Fingerprints.perKey(lineage,
            Map.of("known_hosts", knownHosts.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new DesiredCluster(c, repo, url, files, SecretContents.SSH_KEYS, null, ssh.generate(), knownHosts, known);
      }
      Map<String, byte[]> secret = SecretContents.of(c, repo, credentials, knownHosts);
      return new DesiredCluster(c, repo, url, files, List.copyOf(secret.keySet()), Fingerprints.secretData(lineage, secret), null, knownHosts,
          Fingerprints.perKey(lineage, secret));
    }
    Map<String, byte[]> secret = SecretContents.of(c, repo, credentials, null);
    return new DesiredCluster(c, repo, url, files, List.copyOf(secret.keySet()), Fingerprints.secretData(lineage, secret), null, null,
        Fingerprints.perKey(lineage, secret));
  }

  /**
   * The URL source-controller uses: the repository URL for token auth and for an ssh://
   * repository; for SSH from an https repository, the ssh:// URL derived with the SSH hostname
   * (Azure DevOps paths converted to /v3/org/project/repo).
   */
  static String syncUrl(ClusterSpec c, RepositorySpec repo) {
    if (c.sync() instanceof SyncAuth.Ssh s) return GitUrls.sshSyncUrl(repo.url(), s.hostname());
    return repo.url();
  }
}
