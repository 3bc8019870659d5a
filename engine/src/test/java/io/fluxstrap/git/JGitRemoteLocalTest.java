package io.fluxstrap.git;

import static io.fluxstrap.git.GitTestRepos.change;
import static io.fluxstrap.git.GitTestRepos.file;
import static io.fluxstrap.git.GitTestRepos.text;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file:// repositories (the quickstart's): absent until the first push creates them. */
class JGitRemoteLocalTest {
  private final JGitRemote remote = new JGitRemote(10);
  private final GitCli git = GitCli.isolated();

  @TempDir Path tmp;

  private RemoteRepo local(Path dir) {
    return new RemoteRepo("file://" + dir, new RemoteRepo.Credential.None(), false, null);
  }

  @Test
  void missingDirectoryReadsAsAbsentAndIsNotCreatedByReading() {
    Path dir = tmp.resolve("fleet.git");

    assertEquals(RemoteBranch.absent(), remote.read(local(dir), "main", "clusters"));
    assertFalse(Files.exists(dir));
  }

  @Test
  void pushToAMissingDirectoryCreatesTheBareRepository() {
    Path dir = tmp.resolve("nested/fleet.git");
    assertDoesNotThrow(() -> remote.checkPushAccess(local(dir)));

    PushResult first = remote.push(local(dir), change("main", "bootstrap", file("clusters/dev/a.yaml", "a\n", null)));
    PushResult again = remote.push(local(dir), change("main", "bootstrap", file("clusters/dev/a.yaml", "a\n", null)));

    assertTrue(first.committed());
    assertFalse(again.committed());
    assertEquals("true", git.ok(dir, "rev-parse", "--is-bare-repository").trim());
    assertEquals("refs/heads/main", git.ok(dir, "symbolic-ref", "HEAD").trim());
    Path clone = git.cloneTemp("file://" + dir);
    assertEquals("a\n", git.show(clone, "HEAD", "clusters/dev/a.yaml"));
    assertEquals(first.head(), git.ok(clone, "rev-parse", "HEAD").trim());
    RemoteBranch read = remote.read(local(dir), "main", "clusters/dev");
    assertEquals(first.head(), read.head());
    assertEquals("a\n", text(read.files().get("clusters/dev/a.yaml")));
    assertDoesNotThrow(() -> remote.checkPushAccess(local(dir)));
  }

  @Test
  void removingAFolderTakesOnlyItAndAFolderAlreadyGoneCommitsNothing() {
    Path dir = tmp.resolve("fleet.git");
    remote.push(local(dir), change("main", "bootstrap", file("clusters/a/flux-system/gotk-sync.yaml", "s\n", null),
        file("clusters/a/app.yaml", "app\n", null)));
    CommitChange removal = new CommitChange("main", null, "Remove Flux from clusters/a/flux-system", "Flux", "flux@example.com",
        java.util.List.of(), java.util.List.of("clusters/a/flux-system"));

    PushResult removed = remote.push(local(dir), removal);
    PushResult again = remote.push(local(dir), removal);

    assertTrue(removed.committed());
    assertFalse(again.committed(), "already gone: no commit");
    assertEquals(removed.head(), again.head());
    RemoteBranch read = remote.read(local(dir), "main", "clusters/a");
    assertEquals(java.util.Set.of("clusters/a/app.yaml"), read.files().keySet());
  }

  @Test
  void aFolderLeftByAnInterruptedCreationIsCreatedAgain() throws Exception {
    Path empty = tmp.resolve("empty.git");
    Files.createDirectories(empty);
    Path partial = tmp.resolve("partial.git");
    Files.createDirectories(partial.resolve("refs/heads"));
    Files.createDirectories(partial.resolve("objects"));
    Files.writeString(partial.resolve("config"), "[core]\n\tbare = true\n");
    for (Path dir : java.util.List.of(empty, partial)) {
      assertEquals(RemoteBranch.absent(), remote.read(local(dir), "main", "clusters"), dir.toString());
      assertDoesNotThrow(() -> remote.checkPushAccess(local(dir)));
      PushResult pushed = remote.push(local(dir), change("main", "bootstrap", file("clusters/a.yaml", "a\n", null)));
      assertEquals(pushed.head(), git.ok(dir, "rev-parse", "main").trim(), dir.toString());
      assertEquals("refs/heads/main", git.ok(dir, "symbolic-ref", "HEAD").trim());
    }
  }

  @Test
  void aFolderThatIsNotARepositoryIsNeverTouchedAndTheMessageSaysWhatToDo() throws Exception {
    Path dir = tmp.resolve("fleet.git");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine\n");
    for (org.junit.jupiter.api.function.Executable call : java.util.List.<org.junit.jupiter.api.function.Executable>of(
        () -> remote.read(local(dir), "main", "clusters"),
        () -> remote.checkPushAccess(local(dir)),
        () -> remote.push(local(dir), change("main", "m", file("a.yaml", "a\n", null))))) {
      GitFailure e = org.junit.jupiter.api.Assertions.assertThrows(GitFailure.class, call);
      assertTrue(e.getMessage().contains("is not a Git repository") && e.getMessage().contains("move it away"), e.getMessage());
    }
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(dir.resolve("notes.txt")), files.toList());
    }
  }

  @Test
  void plainPathWorksLikeFileUrl() {
    Path dir = tmp.resolve("plain.git");
    RemoteRepo repo = new RemoteRepo(dir.toString(), new RemoteRepo.Credential.None(), false, null);

    PushResult pushed = remote.push(repo, change("main", "bootstrap", file("x.yaml", "x\n", null)));

    assertEquals(pushed.head(), remote.read(repo, "main", "").head());
  }

  @Test
  void checkPushAccessRefusesAnUnwritableLocation() throws Exception {
    Path ro = tmp.resolve("ro");
    Files.createDirectories(ro);
    assertTrue(ro.toFile().setWritable(false, false));
    try {
      if (Files.isWritable(ro)) {
        return; // root ignores permission bits: nothing to refuse here
      }
      GitFailure e =
          org.junit.jupiter.api.Assertions.assertThrows(
              GitFailure.AuthFailed.class, () -> remote.checkPushAccess(local(ro.resolve("fleet.git"))));
      assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }
}
