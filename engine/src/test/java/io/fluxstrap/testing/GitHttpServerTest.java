package io.fluxstrap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fixture itself: it must serve Git over smart HTTP and refuse anyone without the token. */
class GitHttpServerTest {
  private final GitHttpServer server = GitHttpServer.shared();
  private final GitCli git = GitCli.isolated();

  @Test
  void cloneAndPushWithTheToken() {
    String name = GitHttpServer.uniqueName("fixture");
    server.createBareRepo(name);
    assertNull(git.remoteHead(server.authUrl(name), "main"), "a new repository has no branch");

    Path clone = git.cloneTemp(server.authUrl(name));
    String pushed = git.commitAndPush(clone, "main", "dir/a.txt", "hello\n", "first");

    assertEquals(pushed, git.remoteHead(server.authUrl(name), "main"));
    Path second = git.cloneTemp(server.authUrl(name));
    assertEquals("hello\n", git.show(second, "HEAD", "dir/a.txt"));
    assertEquals("Test User <test@example.com> first", git.log(second, "%an <%ae> %s", "HEAD").get(0));
  }

  @Test
  void refusesAnonymousAndWrongTokenForFetchAndPush() {
    String name = GitHttpServer.uniqueName("fixture-auth");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    git.commitAndPush(clone, "main", "a.txt", "x\n", "first");
    String wrong = server.authUrl(name).replace(server.token(), "wrong-token");

    Exec.Result anonymousFetch = git.run(null, "ls-remote", server.url(name));
    Exec.Result wrongFetch = git.run(null, "ls-remote", wrong);
    git.ok(clone, "remote", "set-url", "origin", server.url(name));
    Exec.Result anonymousPush = git.run(clone, "push", "origin", "HEAD:refs/heads/anonymous");

    assertFalse(anonymousFetch.ok(), anonymousFetch.describe());
    assertFalse(wrongFetch.ok(), wrongFetch.describe());
    assertFalse(anonymousPush.ok(), anonymousPush.describe());
    assertTrue(wrongFetch.stderr().contains("Authentication failed"), wrongFetch.describe());
    assertNull(git.remoteHead(server.authUrl(name), "anonymous"), "anonymous push must not land");
  }

  @Test
  void theReaderMayFetchButNotPush() {
    String name = GitHttpServer.uniqueName("fixture-reader");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    String head = git.commitAndPush(clone, "main", "a.txt", "x\n", "first");
    String readerUrl = server.authUrl(name).replace(GitHttpServer.USERNAME + ":" + server.token(), GitHttpServer.READER + ":" + server.readerToken());

    assertEquals(head, git.remoteHead(readerUrl, "main"));
    git.ok(clone, "remote", "set-url", "origin", readerUrl);
    Exec.Result push = git.run(clone, "push", "origin", "HEAD:refs/heads/reader");
    assertFalse(push.ok(), push.describe());
    assertNull(git.remoteHead(server.authUrl(name), "reader"), "the reader's push must not land");
  }
}
