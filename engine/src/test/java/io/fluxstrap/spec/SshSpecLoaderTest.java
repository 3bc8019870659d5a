package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fluxstrap.spec.KeySpec.Algorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid SSH specs (flows 2 and 3) load into exactly the expected records, with Flux's defaults. */
class SshSpecLoaderTest {
  static final String SHA = SpecLoaderTest.SHA;
  static final String RSA_HOST_KEY = "ssh.dev.azure.com ssh-rsa " + SshCheckersTest.RSA;

  @TempDir Path tmp;

  private Spec load(String text) throws IOException {
    Path file = tmp.resolve("specs/spec.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return new SpecLoader(Map.of("HOME", "/home/anna")).load(file);
  }

  @Test
  void anExistingKeyWithAnScpLikeUrlIsFlowThreeWithItsDefaults() throws IOException {
    Spec spec =
        load(
            """
            repositories:
              fleet:
                url: git@ssh.dev.azure.com:v3/contoso/platform/fleet
                auth:
                  sshKey: {file: ./keys/flux-key}
            clusters:
              prod: {kubeconfig: {}, repository: fleet, path: clusters/prod, flux: {manifests: {sha256: %s}}}
            """
                .formatted(SHA));
    RepositorySpec fleet = spec.repositories().get("fleet");
    assertEquals("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet", fleet.url());
    assertEquals(new GitAuth.SshKey(tmp.resolve("specs/keys/flux-key"), "SSH_KEY_PASSPHRASE", null), fleet.auth());
    ClusterSpec prod = spec.clusters().get("prod");
    assertEquals(new SyncAuth.Ssh(null, null, null), prod.sync(), "the cluster uses the repository's key");
    assertEquals("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet", spec.syncUrl(prod));
    assertEquals("ssh.dev.azure.com", spec.syncSshHost(prod));
  }

  @Test
  void everySshKeyFieldIsRead() throws IOException {
    Spec spec =
        load(
            """
            repositories:
              fleet:
                url: ssh://git@127.0.0.1:2222/v3/org/project/repo
                auth:
                  sshKey:
                    file: ~/.ssh/flux
                    passphraseEnv: FLUX_KEY_PASS
                    knownHosts: |
                      # the test server
                      [127.0.0.1]:2222 ssh-ed25519 %s
            clusters:
              a: {kubeconfig: {}, repository: fleet, path: a, sync: {auth: ssh}, flux: {manifests: {sha256: %s}}}
              b:
                kubeconfig: {}
                repository: fleet
                path: b
                sync:
                  auth:
                    ssh:
                      hostname: Git.Example.com:2200
                      key: {algorithm: ed25519}
                      knownHosts: "[git.example.com]:2200 ssh-ed25519 %s"
                flux: {manifests: {sha256: %s}}
            """
                .formatted(SshCheckersTest.ED25519, SHA, SshCheckersTest.ED25519, SHA));
    String pinned = "# the test server\n[127.0.0.1]:2222 ssh-ed25519 " + SshCheckersTest.ED25519 + "\n";
    assertEquals(new GitAuth.SshKey(Path.of("/home/anna/.ssh/flux"), "FLUX_KEY_PASS", pinned), spec.repositories().get("fleet").auth());
    ClusterSpec a = spec.clusters().get("a");
    assertEquals(new SyncAuth.Ssh(null, null, null), a.sync(), "'auth: ssh' takes every default");
    assertEquals("127.0.0.1:2222", spec.syncSshHost(a));
    ClusterSpec b = spec.clusters().get("b");
    assertEquals(
        new SyncAuth.Ssh("git.example.com:2200", new KeySpec(Algorithm.ED25519, 2048, "p384"), "[git.example.com]:2200 ssh-ed25519 " + SshCheckersTest.ED25519),
        b.sync());
    assertEquals("ssh://git@git.example.com:2200/v3/org/project/repo", spec.syncUrl(b), "a different host keeps the path");
  }

  @Test
  void aPatPushWithAGeneratedRsaKeyIsFlowTwo() throws IOException {
    Spec spec =
        load(
            """
            repositories:
              fleet: {url: https://contoso@dev.azure.com/contoso/platform/_git/fleet}
              legacy: {url: https://contoso.visualstudio.com/DefaultCollection/platform/_git/old}
              lab: {url: https://git.example.com/team/fleet.git}
            clusters:
              prod:
                kubeconfig: {}
                repository: fleet
                sync:
                  auth:
                    ssh:
                      hostname: ssh.dev.azure.com
                      key: {algorithm: rsa, rsaBits: 4096}
                      knownHosts: |
                        %s
                flux: {manifests: {sha256: %s}}
              old:
                kubeconfig: {}
                repository: legacy
                sync: {auth: {ssh: {hostname: vs-ssh.visualstudio.com, key: {algorithm: rsa}}}}
                flux: {manifests: {sha256: %s}}
              lab:
                kubeconfig: {}
                repository: lab
                sync: {auth: {ssh: {hostname: git.example.com, key: {}}}}
                flux: {manifests: {sha256: %s}}
              lab2:
                kubeconfig: {}
                repository: lab
                path: two
                sync: {auth: {ssh: {hostname: git.example.com, key: {ecdsaCurve: p521}}}}
                flux: {manifests: {sha256: %s}}
              token:
                kubeconfig: {}
                repository: lab
                path: token
                flux: {manifests: {sha256: %s}}
            """
                .formatted(RSA_HOST_KEY, SHA, SHA, SHA, SHA, SHA));
    assertEquals(new GitAuth.Token("git", "GIT_PASSWORD", null), spec.repositories().get("fleet").auth());
    ClusterSpec prod = spec.clusters().get("prod");
    assertEquals(new SyncAuth.Ssh("ssh.dev.azure.com", new KeySpec(Algorithm.RSA, 4096, "p384"), RSA_HOST_KEY + "\n"), prod.sync());
    assertEquals("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet", spec.syncUrl(prod));
    assertEquals("ssh://git@vs-ssh.visualstudio.com/v3/contoso/platform/old", spec.syncUrl(spec.clusters().get("old")));
    assertEquals(new SyncAuth.Ssh("git.example.com", KeySpec.DEFAULT, null), spec.clusters().get("lab").sync(), "Flux's defaults: ecdsa p384");
    assertEquals("ssh://git@git.example.com/team/fleet.git", spec.syncUrl(spec.clusters().get("lab")));
    assertEquals(new KeySpec(Algorithm.ECDSA, 2048, "p521"), ((SyncAuth.Ssh) spec.clusters().get("lab2").sync()).generate());
    ClusterSpec token = spec.clusters().get("token");
    assertEquals(new SyncAuth.Token(), token.sync());
    assertEquals("https://git.example.com/team/fleet.git", spec.syncUrl(token));
    assertNull(spec.syncSshHost(token));
  }
}
