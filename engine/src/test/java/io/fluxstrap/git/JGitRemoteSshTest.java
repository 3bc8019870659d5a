package io.fluxstrap.git;

import static io.fluxstrap.git.GitTestRepos.change;
import static io.fluxstrap.git.GitTestRepos.file;
import static io.fluxstrap.git.GitTestRepos.sha;
import static io.fluxstrap.git.GitTestRepos.text;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitSshServer;
import io.fluxstrap.testing.SshKeyFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading and pushing over SSH against a real OpenSSH server (Azure DevOps path shape, RSA SHA-2
 * host key), with keys made by ssh-keygen and loaded in memory; checked with the git CLI over SSH.
 */
class JGitRemoteSshTest {
  private final GitSshServer server = GitSshServer.shared();
  private final JGitRemote remote = new JGitRemote(20);

  @Test
  void readPushAndCheckAccessWithAnRsa4096Key() {
    SshKeyFile key = SshKeyFile.rsa4096();
    server.authorize(key.publicLine());
    String path = GitSshServer.uniquePath("ssh-rsa");
    server.createBareRepo(path);
    RemoteRepo repo = repo(path, key);
    GitCli git = server.git(key.privateKey());
    Path clone = git.cloneTemp(server.url(path));
    git.commitAndPush(clone, "main", "apps/keep.yaml", "keep\n", "someone else's file");

    assertDoesNotThrow(() -> remote.checkPushAccess(repo));
    RemoteBranch before = remote.read(repo, "main", "");
    PushResult pushed =
        remote.push(repo, change("main", "Add Flux", file("clusters/dev/flux-system/gotk-sync.yaml", "sync\n", null)));
    PushResult again =
        remote.push(repo, change("main", "Add Flux", file("clusters/dev/flux-system/gotk-sync.yaml", "sync\n", null)));
    RemoteBranch after = remote.read(repo, "main", "clusters/dev");

    assertEquals(Set.of("apps/keep.yaml"), before.files().keySet());
    assertTrue(pushed.committed());
    assertFalse(again.committed(), "the same files twice commit once");
    assertEquals(pushed.head(), again.head());
    assertEquals(pushed.head(), after.head());
    assertEquals("sync\n", text(after.files().get("clusters/dev/flux-system/gotk-sync.yaml")));
    assertEquals(pushed.head(), git.remoteHead(server.url(path), "main"));
    Path check = git.cloneTemp(server.url(path));
    assertEquals("sync\n", git.show(check, "HEAD", "clusters/dev/flux-system/gotk-sync.yaml"));
    assertEquals("keep\n", git.show(check, "HEAD", "apps/keep.yaml"));
    assertEquals(List.of("Flux Strap <fluxstrap@example.com> Add Flux"), git.log(check, "%an <%ae> %s", "-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa-256", "ecdsa-384"})
  void ed25519AndEcdsaKeysWork(String kind) {
    SshKeyFile key =
        kind.equals("ed25519") ? SshKeyFile.ed25519() : SshKeyFile.ecdsa(Integer.parseInt(kind.substring(6)));
    server.authorize(key.publicLine());
    String path = GitSshServer.uniquePath("ssh-" + kind);
    server.createBareRepo(path);
    RemoteRepo repo = repo(path, key);

    PushResult first = remote.push(repo, change("main", "v1", file("a/b.yaml", "v1\n", null)));
    PushResult second = remote.push(repo, change("main", "v2", file("a/b.yaml", "v2\n", sha("v1\n"))));

    assertEquals(key.fingerprint(), KeyUtils.getFingerPrint(SshCredentials.load(key).getPublic()));
    assertEquals("v2\n", text(remote.read(repo, "main", "a").files().get("a/b.yaml")));
    GitCli git = server.git(key.privateKey());
    assertEquals(List.of(second.head() + " v2", first.head() + " v1"), git.log(git.cloneTemp(server.url(path)), "%H %s", "HEAD"));
  }

  @Test
  void aKeyTheServerDoesNotAcceptIsAuthFailedNamingItsFingerprint() {
    SshKeyFile stranger = SshKeyFile.ed25519();
    String path = GitSshServer.uniquePath("ssh-stranger");
    server.createBareRepo(path);
    RemoteRepo repo = repo(path, stranger);

    for (org.junit.jupiter.api.function.Executable op :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> remote.read(repo, "main", ""),
            () -> remote.push(repo, change("main", "x", file("a.txt", "a\n", null))),
            () -> remote.checkPushAccess(repo))) {
      GitFailure.AuthFailed e = assertThrows(GitFailure.AuthFailed.class, op);
      assertEquals(
          "authentication failed for "
              + server.url(path)
              + ": the server did not accept key "
              + stranger.fingerprint()
              + " (add its public key to the SSH keys of the user, or check the user name)",
          e.getMessage());
      assertFalse(e.getMessage().contains(GitSshServer.publicKeyPart(stranger.publicLine()).split(" ")[1]), "no key material");
    }
  }

  @Test
  void aDifferentHostKeyIsRefusedBeforeAnythingIsSent() {
    SshKeyFile key = SshKeyFile.ed25519();
    server.authorize(key.publicLine());
    String path = GitSshServer.uniquePath("ssh-mitm");
    server.createBareRepo(path);
    SshKeyFile impostor = SshKeyFile.generate("rsa", 2048, "");
    String pinned = "[127.0.0.1]:" + server.port() + " " + GitSshServer.publicKeyPart(impostor.publicLine());
    RemoteRepo repo = new RemoteRepo(server.url(path), SshCredentials.of(key, List.of(pinned)), false, null);

    GitFailure e = assertThrows(GitFailure.class, () -> remote.push(repo, change("main", "x", file("a.txt", "a\n", null))));

    assertFalse(e instanceof GitFailure.AuthFailed, e.toString());
    assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
    assertTrue(e.getMessage().contains("does not match the known_hosts entry"), e.getMessage());
    assertTrue(e.getMessage().contains(serverFingerprint()), e.getMessage());
    assertTrue(e.getMessage().contains(impostor.fingerprint()), e.getMessage());
    assertTrue(e.getMessage().contains("man-in-the-middle"), e.getMessage());
    assertEquals(null, server.git(key.privateKey()).remoteHead(server.url(path), "main"), "nothing pushed");
  }

  @Test
  void aPinnedKeyOfAnotherTypeThanTheServerOffersIsRefused() {
    SshKeyFile key = SshKeyFile.ed25519();
    server.authorize(key.publicLine());
    String path = GitSshServer.uniquePath("ssh-keytype");
    server.createBareRepo(path);
    String pinned = "[127.0.0.1]:" + server.port() + " " + GitSshServer.publicKeyPart(SshKeyFile.ed25519().publicLine());
    RemoteRepo repo = new RemoteRepo(server.url(path), SshCredentials.of(key, List.of(pinned)), false, null);

    GitFailure e = assertThrows(GitFailure.class, () -> remote.read(repo, "main", ""));

    assertFalse(e instanceof GitFailure.AuthFailed, e.toString());
    assertEquals(
        "refusing to connect to "
            + server.url(path)
            + ": its host key does not match the known_hosts entry for it: the pinned key is ssh-ed25519, the server "
            + "offers only rsa-sha2-512,rsa-sha2-256 (possibly a man-in-the-middle attack, or the server's host key "
            + "changed); check the server's host key fingerprint with its administrator, then replace the pinned key "
            + "in knownHosts",
        e.getMessage());
  }

  @Test
  void aHostWithoutKnownHostsEntryIsRefused() {
    SshKeyFile key = SshKeyFile.ed25519();
    server.authorize(key.publicLine());
    String path = GitSshServer.uniquePath("ssh-unknown");
    server.createBareRepo(path);
    // The right key, but recorded for another port and for the default port: neither is this host.
    String hostKey = server.knownHostsLine().substring(server.knownHostsLine().indexOf(' ') + 1);
    List<String> others = List.of("[127.0.0.1]:1 " + hostKey, "127.0.0.1 " + hostKey);
    RemoteRepo repo = new RemoteRepo(server.url(path), SshCredentials.of(key, others), false, null);

    GitFailure e = assertThrows(GitFailure.class, () -> remote.read(repo, "main", ""));

    assertFalse(e instanceof GitFailure.AuthFailed, e.toString());
    assertTrue(e.getMessage().contains("is not in known_hosts"), e.getMessage());
    assertTrue(e.getMessage().contains("[127.0.0.1]:" + server.port()), e.getMessage());
    assertTrue(e.getMessage().contains(serverFingerprint()), e.getMessage());
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    SshKeyFile key = SshKeyFile.ed25519();
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "ssh://git@127.0.0.1:" + closed + "/v3/org/project/none";
    RemoteRepo repo = new RemoteRepo(url, SshCredentials.of(key, List.of(server.knownHostsLine())), false, null);

    GitFailure.Unreachable e = assertThrows(GitFailure.Unreachable.class, () -> remote.read(repo, "main", ""));
    assertTrue(e.getMessage().startsWith("cannot reach " + url), e.getMessage());
  }

  @Test
  void aMissingRepositoryIsUnreachable() {
    SshKeyFile key = SshKeyFile.ed25519();
    server.authorize(key.publicLine());
    String path = GitSshServer.uniquePath("ssh-missing");
    RemoteRepo repo = repo(path, key);

    GitFailure.Unreachable e = assertThrows(GitFailure.Unreachable.class, () -> remote.read(repo, "main", ""));
    assertTrue(e.getMessage().contains("repository not found: " + server.url(path)), e.getMessage());
  }

  @Test
  void sshWithATokenOrNoCredentialIsAClearError() {
    String url = server.url("v3/org/project/any");
    for (RemoteRepo.Credential c :
        List.of(
            new RemoteRepo.Credential.Token("git", io.fluxstrap.secret.Sensitive.of("tok-123")),
            new RemoteRepo.Credential.None())) {
      GitFailure e = assertThrows(GitFailure.class, () -> remote.read(new RemoteRepo(url, c, false, null), "main", ""));
      assertTrue(e.getMessage().contains("needs an SSH private key"), e.getMessage());
      assertFalse(e.getMessage().contains("tok-123"), e.getMessage());
    }
  }

  private RemoteRepo repo(String path, SshKeyFile key) {
    return new RemoteRepo(server.url(path), SshCredentials.of(key, List.of(server.knownHostsLine())), false, null);
  }

  private String serverFingerprint() {
    return server.hostKeyFingerprint();
  }
}
