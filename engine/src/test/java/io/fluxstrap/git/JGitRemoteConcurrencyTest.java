package io.fluxstrap.git;

import static io.fluxstrap.git.GitTestRepos.authorized;
import static io.fluxstrap.git.GitTestRepos.change;
import static io.fluxstrap.git.GitTestRepos.file;
import static io.fluxstrap.git.GitTestRepos.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Several writers on one branch: every one lands, on top of the others, never by force. */
class JGitRemoteConcurrencyTest {
  private final GitHttpServer server = GitHttpServer.shared();
  private final GitCli git = GitCli.isolated();

  @Test
  void aPushInBetweenIsKeptAndOursGoesOnTop() {
    String name = GitHttpServer.uniqueName("race");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    git.commitAndPush(clone, "main", "base.txt", "base\n", "base");
    List<String> theirs = new ArrayList<>();
    JGitRemote remote =
        new JGitRemote(
            20,
            attempt -> {
              if (attempt == 1) {
                theirs.add(git.commitAndPush(clone, "main", "clusters/b/x.yaml", "b\n", "cluster b"));
              }
            });

    PushResult ours = remote.push(authorized(server, name), change("main", "cluster a", file("clusters/a/x.yaml", "a\n", null)));

    Path check = git.cloneTemp(server.authUrl(name));
    assertEquals(List.of(ours.head() + " " + theirs.get(0)), git.log(check, "%H %P", "-1"), "ours has theirs as parent");
    assertEquals("a\n", git.show(check, "HEAD", "clusters/a/x.yaml"));
    assertEquals("b\n", git.show(check, "HEAD", "clusters/b/x.yaml"));
    assertEquals(3, git.log(check, "%H", "HEAD").size());
  }

  @Test
  void aConflictingPushInBetweenStopsTheRetry() {
    String name = GitHttpServer.uniqueName("race-conflict");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    git.commitAndPush(clone, "main", "clusters/a/x.yaml", "old\n", "base");
    JGitRemote remote =
        new JGitRemote(
            20,
            attempt -> {
              if (attempt == 1) {
                git.commitAndPush(clone, "main", "clusters/a/x.yaml", "theirs\n", "hand edit");
              }
            });

    assertThrows(
        GitFailure.Conflict.class,
        () -> remote.push(authorized(server, name), change("main", "ours", file("clusters/a/x.yaml", "ours\n", sha("old\n")))));
    Path check = git.cloneTemp(server.authUrl(name));
    assertEquals("theirs\n", git.show(check, "HEAD", "clusters/a/x.yaml"));
  }

  @Test
  void giveUpAfterFiveRejectedAttempts() {
    String name = GitHttpServer.uniqueName("race-forever");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    git.commitAndPush(clone, "main", "base.txt", "base\n", "base");
    AtomicInteger attempts = new AtomicInteger();
    JGitRemote remote =
        new JGitRemote(
            20,
            attempt -> git.commitAndPush(clone, "main", "other/" + attempts.incrementAndGet(), "x\n", "busy"));

    GitFailure e =
        assertThrows(
            GitFailure.class,
            () -> remote.push(authorized(server, name), change("main", "ours", file("clusters/a/x.yaml", "a\n", null))));

    assertEquals(JGitRemote.MAX_ATTEMPTS, attempts.get());
    assertTrue(e.getMessage().contains("rejected 5 times"), e.getMessage());
    assertTrue(e.getMessage().contains(server.url(name)), e.getMessage());
  }

  @Test
  void concurrentClustersWritingDifferentPathsAllLand() throws Exception {
    String name = GitHttpServer.uniqueName("fleet");
    server.createBareRepo(name);
    int clusters = 4;
    JGitRemote remote = new JGitRemote(20);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(clusters);
    List<Future<PushResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < clusters; i++) {
        String path = "clusters/c" + i + "/flux-system/gotk-sync.yaml";
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return remote.push(authorized(server, name), change("main", "add " + path, file(path, path + "\n", null)));
                }));
      }
      start.countDown();
      Set<String> heads = new HashSet<>();
      for (Future<PushResult> f : results) {
        PushResult r = f.get(60, TimeUnit.SECONDS);
        assertTrue(r.committed());
        heads.add(r.head());
      }

      Path check = git.cloneTemp(server.authUrl(name));
      List<String> history = git.log(check, "%H %P", "HEAD");
      assertEquals(clusters, history.size(), "one commit per cluster: " + history);
      for (String line : history) {
        assertTrue(line.split(" ").length <= 2, "linear history, no merges: " + line);
        heads.remove(line.split(" ")[0]);
      }
      assertTrue(heads.isEmpty(), "every reported head is in the history: " + heads);
      for (int i = 0; i < clusters; i++) {
        String path = "clusters/c" + i + "/flux-system/gotk-sync.yaml";
        assertEquals(path + "\n", git.show(check, "HEAD", path));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
