package io.fluxstrap.git;

import static io.fluxstrap.git.GitTestRepos.authorized;
import static io.fluxstrap.git.GitTestRepos.change;
import static io.fluxstrap.git.GitTestRepos.file;
import static io.fluxstrap.git.GitTestRepos.sha;
import static io.fluxstrap.git.GitTestRepos.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading and pushing against a real smart-HTTP server, checked with the real git CLI. */
class JGitRemoteHttpTest {
  private final GitHttpServer server = GitHttpServer.shared();
  private final GitCli git = GitCli.isolated();
  private final JGitRemote remote = new JGitRemote(20);

  @Test
  void emptyRepositoryAndMissingBranchReadAsAbsent() {
    String name = GitHttpServer.uniqueName("empty");
    server.createBareRepo(name);

    assertEquals(RemoteBranch.absent(), remote.read(authorized(server, name), "main", ""));

    Path clone = git.cloneTemp(server.authUrl(name));
    git.commitAndPush(clone, "main", "a.txt", "a\n", "first");
    RemoteBranch other = remote.read(authorized(server, name), "other", "");
    assertFalse(other.exists());
    assertNull(other.head());
  }

  @Test
  void pushCreatesTheBranchAndReadReturnsExactBytes() {
    String name = GitHttpServer.uniqueName("create");
    server.createBareRepo(name);
    RemoteRepo repo = authorized(server, name);
    byte[] binary = {0, (byte) 0xff, 10, 13, 10, 'x'};

    PushResult pushed =
        remote.push(
            repo,
            new CommitChange(
                "main",
                null,
                "Add Flux components",
                "Flux Strap",
                "fluxstrap@example.com",
                List.of(
                    file("clusters/dev/flux-system/gotk-components.yaml", "kind: List\n", null),
                    file("clusters/dev/flux-system/kustomization.yaml", "resources: []\n", null),
                    new CommitChange.FileWrite("clusters/dev/bin.dat", binary, null),
                    file("README.md", "top\n", null))));

    assertTrue(pushed.committed());
    assertEquals(git.remoteHead(server.authUrl(name), "main"), pushed.head());
    RemoteBranch read = remote.read(repo, "main", "clusters/dev");
    assertTrue(read.exists());
    assertEquals(pushed.head(), read.head());
    assertEquals(
        Set.of(
            "clusters/dev/flux-system/gotk-components.yaml",
            "clusters/dev/flux-system/kustomization.yaml",
            "clusters/dev/bin.dat"),
        read.files().keySet());
    assertArrayEquals(binary, read.files().get("clusters/dev/bin.dat"));
    assertEquals("kind: List\n", text(read.files().get("clusters/dev/flux-system/gotk-components.yaml")));
    assertEquals(4, remote.read(repo, "main", "").files().size());
    assertEquals(Set.of("README.md"), remote.read(repo, "main", "README.md").files().keySet());
    RemoteBranch several = remote.read(repo, "main", List.of("clusters/dev/flux-system", "README.md"));
    assertEquals(Set.of("clusters/dev/flux-system/gotk-components.yaml", "clusters/dev/flux-system/kustomization.yaml", "README.md"),
        several.files().keySet());
    RemoteBranch headOnly = remote.read(repo, "main", List.<String>of());
    assertEquals(pushed.head(), headOnly.head());
    assertEquals(Map.of(), headOnly.files());
  }

  @Test
  void theGitCliSeesFilesAuthorAndMessage() {
    String name = GitHttpServer.uniqueName("cli");
    server.createBareRepo(name);
    PushResult pushed =
        remote.push(
            authorized(server, name),
            change("main", "Add flux-system manifests", file("clusters/prod/flux-system/gotk-sync.yaml", "sync\n", null)));

    Path clone = git.cloneTemp(server.authUrl(name));

    assertEquals("sync\n", git.show(clone, "HEAD", "clusters/prod/flux-system/gotk-sync.yaml"));
    assertEquals(
        List.of(pushed.head() + "|Flux Strap <fluxstrap@example.com>|Flux Strap|Add flux-system manifests|"),
        git.log(clone, "%H|%an <%ae>|%cn|%s|%P", "HEAD"));
    assertEquals("main", git.ok(clone, "rev-parse", "--abbrev-ref", "HEAD").trim());
  }

  @Test
  void secondIdenticalPushMakesNoCommit() {
    String name = GitHttpServer.uniqueName("idempotent");
    server.createBareRepo(name);
    RemoteRepo repo = authorized(server, name);
    PushResult first = remote.push(repo, change("main", "one", file("a/b.yaml", "b\n", null)));

    // As a re-run of the same plan (expected: absent) and as a fresh plan (expected: current) alike.
    PushResult rerun = remote.push(repo, change("main", "one", file("a/b.yaml", "b\n", null)));
    PushResult replan = remote.push(repo, change("main", "one", file("a/b.yaml", "b\n", sha("b\n"))));

    assertFalse(rerun.committed());
    assertFalse(replan.committed());
    assertEquals(first.head(), rerun.head());
    assertEquals(first.head(), replan.head());
    assertEquals(first.head(), git.remoteHead(server.authUrl(name), "main"));
  }

  @Test
  void pushUpdatesAFileOnTopOfTheHeadKeepingOthers() {
    String name = GitHttpServer.uniqueName("update");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    String base = git.commitAndPush(clone, "main", "apps/keep.yaml", "keep\n", "someone else's file");
    RemoteRepo repo = authorized(server, name);
    remote.push(repo, change("main", "v1", file("clusters/x/a.yaml", "v1\n", null)));

    PushResult v2 = remote.push(repo, change("main", "v2", file("clusters/x/a.yaml", "v2\n", sha("v1\n"))));

    Path check = git.cloneTemp(server.authUrl(name));
    assertEquals("v2\n", git.show(check, "HEAD", "clusters/x/a.yaml"));
    assertEquals("keep\n", git.show(check, "HEAD", "apps/keep.yaml"));
    List<String> history = git.log(check, "%H %s", "HEAD");
    assertEquals(3, history.size());
    assertEquals(v2.head() + " v2", history.get(0));
    assertTrue(history.get(2).startsWith(base));
  }

  @Test
  void conflictWhenAFileChangedSinceThePlan() {
    String name = GitHttpServer.uniqueName("conflict");
    server.createBareRepo(name);
    RemoteRepo repo = authorized(server, name);
    remote.push(repo, change("main", "ours", file("clusters/x/a.yaml", "ours\n", null)));
    Path clone = git.cloneTemp(server.authUrl(name));
    String theirs = git.commitAndPush(clone, "main", "clusters/x/a.yaml", "theirs\n", "hand edit");

    GitFailure.Conflict e =
        assertThrows(
            GitFailure.Conflict.class,
            () -> remote.push(repo, change("main", "ours again", file("clusters/x/a.yaml", "new\n", sha("ours\n")))));

    assertTrue(e.getMessage().contains("clusters/x/a.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains("branch main"), e.getMessage());
    assertTrue(e.getMessage().contains("run plan again"), e.getMessage());
    assertEquals(theirs, git.remoteHead(server.authUrl(name), "main"), "nothing pushed on conflict");
  }

  @Test
  void conflictWhenAFileExpectedAbsentExists() {
    String name = GitHttpServer.uniqueName("conflict-absent");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    git.commitAndPush(clone, "main", "x/a.yaml", "theirs\n", "hand edit");

    GitFailure.Conflict e =
        assertThrows(
            GitFailure.Conflict.class,
            () -> remote.push(authorized(server, name), change("main", "ours", file("x/a.yaml", "ours\n", null))));
    assertTrue(e.getMessage().contains("expected absent"), e.getMessage());
  }
}
