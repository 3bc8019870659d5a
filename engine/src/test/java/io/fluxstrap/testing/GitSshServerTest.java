package io.fluxstrap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture itself, checked with the real git and ssh CLIs: it serves Git at the Azure DevOps
 * path shape, only to authorized keys, only with its own host key, and shares repositories with
 * {@link GitHttpServer}.
 */
class GitSshServerTest {
  private static final SshKeyFile KEY = SshKeyFile.ed25519();
  private final GitSshServer server = GitSshServer.shared();
  @TempDir Path tmp;

  @Test
  void cloneAndPushOverSshAtTheAzureDevOpsPath() {
    server.authorize(KEY.publicLine());
    String path = GitSshServer.uniquePath("fixture");
    server.createBareRepo(path);
    GitCli git = server.git(KEY.privateKey());
    assertTrue(server.url(path).matches("ssh://git@127\\.0\\.0\\.1:\\d+/v3/org/project/fixture-.*"), server.url(path));
    assertNull(git.remoteHead(server.url(path), "main"), "a new repository has no branch");

    Path clone = git.cloneTemp(server.url(path));
    String pushed = git.commitAndPush(clone, "main", "dir/a.txt", "hello\n", "first");

    assertEquals(pushed, git.remoteHead(server.url(path), "main"));
    Path second = git.cloneTemp(server.url(path));
    assertEquals("hello\n", git.show(second, "HEAD", "dir/a.txt"));
    assertEquals(pushed, GitCli.isolated().ok(server.repoPath(path), "rev-parse", "refs/heads/main").trim());
  }

  @Test
  void aKeyThatIsNotAuthorizedIsRefused() {
    SshKeyFile stranger = SshKeyFile.ed25519();
    server.authorize(KEY.publicLine());
    String path = GitSshServer.uniquePath("fixture-auth");
    server.createBareRepo(path);

    Exec.Result refused = server.git(stranger.privateKey()).run(null, "ls-remote", server.url(path));
    server.authorize(stranger.publicLine());
    Exec.Result accepted = server.git(stranger.privateKey()).run(null, "ls-remote", server.url(path));
    server.revoke(stranger.publicLine());
    Exec.Result revoked = server.git(stranger.privateKey()).run(null, "ls-remote", server.url(path));

    assertFalse(refused.ok(), refused.describe());
    assertTrue(refused.stderr().contains("Permission denied (publickey)"), refused.describe());
    assertTrue(accepted.ok(), accepted.describe() + "\n" + server.log());
    assertFalse(revoked.ok(), revoked.describe());
  }

  @Test
  void aWrongOrMissingHostKeyIsRefused() throws Exception {
    server.authorize(KEY.publicLine());
    String path = GitSshServer.uniquePath("fixture-hostkey");
    server.createBareRepo(path);
    String otherHostKey = GitSshServer.publicKeyPart(SshKeyFile.generate("rsa", 2048, "").publicLine());
    Path wrong = Files.writeString(tmp.resolve("wrong"), "[127.0.0.1]:" + server.port() + " " + otherHostKey + "\n");
    Path empty = Files.writeString(tmp.resolve("empty"), "");

    Exec.Result mismatch = GitSshServer.git(KEY.privateKey(), wrong).run(null, "ls-remote", server.url(path));
    Exec.Result unknown = GitSshServer.git(KEY.privateKey(), empty).run(null, "ls-remote", server.url(path));

    assertFalse(mismatch.ok(), mismatch.describe());
    assertTrue(mismatch.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), mismatch.describe());
    assertFalse(unknown.ok(), unknown.describe());
    assertTrue(unknown.stderr().contains("Host key verification failed"), unknown.describe());
    assertTrue(server.knownHostsLine().startsWith("[127.0.0.1]:" + server.port() + " ssh-rsa AAAA"));
  }

  @Test
  void onlyFetchAndPushRun() {
    server.authorize(KEY.publicLine());
    String path = GitSshServer.uniquePath("fixture-shell");
    Path repo = server.createBareRepo(path);
    Exec.Result shell =
        Exec.run(
            null,
            Map.of(),
            Duration.ofSeconds(30),
            List.of(
                "ssh", "-F", "/dev/null", "-i", KEY.privateKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + server.knownHostsFile(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-p", Integer.toString(server.port()), "git@127.0.0.1",
                "touch " + repo.resolve("pwned")));
    Exec.Result outside = server.git(KEY.privateKey()).run(null, "ls-remote", "ssh://git@127.0.0.1:" + server.port() + "/v3/../../etc");

    assertFalse(shell.ok(), shell.describe());
    assertTrue(shell.stderr().contains("only git fetch and push"), shell.describe());
    assertFalse(Files.exists(repo.resolve("pwned")));
    assertFalse(outside.ok(), outside.describe());
  }

  @Test
  void aRepositoryPushedOverHttpsIsClonedAndPushedOverSshAndBack() {
    GitHttpServer http = GitHttpServer.shared();
    String name = GitHttpServer.uniqueName("shared");
    http.createBareRepo(name);
    GitCli httpGit = GitCli.isolated();
    Path httpClone = httpGit.cloneTemp(http.authUrl(name));
    String overHttp = httpGit.commitAndPush(httpClone, "main", "a.txt", "http\n", "over http");
    server.authorize(KEY.publicLine());
    String sshUrl = server.serve(http.repoPath(name), GitSshServer.uniquePath("shared"));
    GitCli sshGit = server.git(KEY.privateKey());

    Path sshClone = sshGit.cloneTemp(sshUrl);
    assertEquals(overHttp, sshGit.ok(sshClone, "rev-parse", "HEAD").trim());
    String overSsh = sshGit.commitAndPush(sshClone, "main", "b/c.txt", "ssh\n", "over ssh");
    httpGit.ok(httpClone, "pull", "--quiet", "--ff-only", "origin", "main");
    String overHttpAgain = httpGit.commitAndPush(httpClone, "main", "b/d.txt", "http again\n", "over http again");
    sshGit.ok(sshClone, "pull", "--quiet", "--ff-only", "origin", "main");
    String overSshAgain = sshGit.commitAndPush(sshClone, "main", "b/e.txt", "ssh again\n", "over ssh again");

    assertEquals(overSsh, httpGit.ok(httpClone, "rev-parse", "HEAD~1").trim());
    assertEquals(overHttpAgain, sshGit.ok(sshClone, "rev-parse", "HEAD~1").trim());
    assertEquals(overSshAgain, httpGit.remoteHead(http.authUrl(name), "main"));
    assertEquals(overSshAgain, sshGit.remoteHead(sshUrl, "main"));
  }
}
