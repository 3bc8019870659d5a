package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.Diagnostics;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped example mirrors the seed page's first command and must keep validating. */
class ExampleSpecTest {
  @Test
  void azureDevOpsPatExampleValidatesAndMirrorsTheSeedCommand() {
    Diagnostics warnings = new Diagnostics();
    Spec spec = new SpecLoader(Map.of()).load(Path.of("examples/azure-devops-pat.yaml"), warnings);

    assertTrue(warnings.isEmpty(), () -> warnings.sorted().toString());
    assertEquals(1, spec.repositories().size());
    assertEquals(1, spec.clusters().size());
    ClusterSpec cluster = spec.clusters().values().iterator().next();
    RepositorySpec repo = spec.repositoryOf(cluster);
    // --token-auth=true --url=https://dev.azure.com/<org>/<project>/_git/<repository>
    assertTrue(repo.url().matches("https://dev\\.azure\\.com/[^/]+/[^/]+/_git/[^/]+"), repo.url());
    assertEquals(new GitAuth.Token("git", "GIT_PASSWORD", null), repo.auth());
    assertEquals(new SyncAuth.Token(), cluster.sync());
    // --branch=main --path=clusters/my-cluster
    assertEquals("main", repo.branch());
    assertEquals("clusters/my-cluster", cluster.path());
    // Flux v2.7.5 by url + sha256
    assertEquals("v2.7.5", cluster.flux().version());
    ManifestSource.Url manifests = (ManifestSource.Url) cluster.flux().manifests();
    assertEquals("https://github.com/fluxcd/flux2/releases/download/v2.7.5/install.yaml", manifests.url().toString());
    assertTrue(manifests.sha256().matches("[0-9a-f]{64}"));
  }
}
