package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped examples mirror the seed page's commands and must keep validating. */
class ExampleSpecTest {
  @TestFactory
  Stream<DynamicTest> everyExampleValidatesWithoutWarnings() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
    assertTrue(examples.size() >= 4, examples::toString);
    return examples.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      Diagnostics warnings = new Diagnostics();
      Spec spec = new SpecLoader(Map.of("HOME", "/home/tester")).load(file, warnings);
      assertTrue(warnings.isEmpty(), () -> warnings.sorted().toString());
      assertFalse(spec.clusters().isEmpty());
    }));
  }

  @Test
  void azureDevOpsSshHostnameExampleMirrorsTheSeedCommand() {
    Spec spec = new SpecLoader(Map.of()).load(Path.of("examples/azure-devops-ssh-hostname.yaml"));
    ClusterSpec cluster = spec.clusters().values().iterator().next();
    RepositorySpec repo = spec.repositoryOf(cluster);
    // --url=https://dev.azure.com/<org>/<project>/_git/<repository> --password=${GIT_PASSWORD}
    assertTrue(repo.url().matches("https://dev\\.azure\\.com/[^/]+/[^/]+/_git/[^/]+"), repo.url());
    assertEquals(new GitAuth.Token("git", "GIT_PASSWORD", null), repo.auth());
    // --ssh-hostname=ssh.dev.azure.com --ssh-key-algorithm=rsa --ssh-rsa-bits=4096
    assertEquals(new SyncAuth.Ssh("ssh.dev.azure.com", new KeySpec(KeySpec.Algorithm.RSA, 4096, KeySpec.DEFAULT_CURVE), null), cluster.sync());
    assertTrue(spec.syncUrl(cluster).matches("ssh://git@ssh\\.dev\\.azure\\.com/v3/[^/]+/[^/]+/[^/_]+"), spec.syncUrl(cluster));
    // --branch=main --path=clusters/my-cluster
    assertEquals("main", repo.branch());
    assertEquals("clusters/my-cluster", cluster.path());
  }

  @Test
  void azureDevOpsSshKeyExampleMirrorsTheSeedCommandWithoutTheKeyFile() {
    Path example = Path.of("examples/azure-devops-ssh-key.yaml");
    Spec spec = new SpecLoader(Map.of()).load(example);
    ClusterSpec cluster = spec.clusters().values().iterator().next();
    RepositorySpec repo = spec.repositoryOf(cluster);
    // --url=ssh://git@ssh.dev.azure.com/v3/<org>/<project>/<repository>
    assertTrue(repo.url().matches("ssh://git@ssh\\.dev\\.azure\\.com/v3/[^/]+/[^/]+/[^/]+"), repo.url());
    // --private-key-file=<path/to/ssh/private.key> --password=<key-passphrase>: the passphrase from the environment
    GitAuth.SshKey key = (GitAuth.SshKey) repo.auth();
    assertEquals(example.toAbsolutePath().getParent().resolve("keys/flux-key"), key.file());
    assertFalse(Files.exists(key.file()), "validating needs no key file");
    assertEquals(GitAuth.SshKey.DEFAULT_PASSPHRASE_ENV, key.passphraseEnv());
    assertEquals(new SyncAuth.Ssh(null, null, null), cluster.sync(), "the cluster uses the same key");
    assertEquals(repo.url(), spec.syncUrl(cluster));
    assertEquals("clusters/my-cluster", cluster.path());
  }

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
    // Flux v2.9.5 from the release, verified by its checksums file: no typed checksum
    assertEquals("v2.9.5", cluster.flux().version());
    ManifestSource.Url manifests = (ManifestSource.Url) cluster.flux().manifests();
    assertEquals("https://github.com/fluxcd/flux2/releases/download/v2.9.5/install.yaml", manifests.url().toString());
    assertEquals(null, manifests.sha256());
    assertEquals("https://github.com/fluxcd/flux2/releases/download/v2.9.5/flux_2.9.5_checksums.txt", manifests.checksums().toString());
  }
}
