package io.fluxstrap.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** A fetch brings the head commit only, not the history: many clusters must not clone it all. */
class ShallowFetchTest {
  private final GitHttpServer server = GitHttpServer.shared();
  private final GitCli git = GitCli.isolated();

  @Test
  void fetchIsDepthOneAndMarksTheHeadShallow() throws Exception {
    String name = GitHttpServer.uniqueName("shallow");
    server.createBareRepo(name);
    Path clone = git.cloneTemp(server.authUrl(name));
    String first = git.commitAndPush(clone, "main", "a.txt", "1\n", "one");
    String second = git.commitAndPush(clone, "main", "a.txt", "2\n", "two");
    String third = git.commitAndPush(clone, "main", "b.txt", "3\n", "three");

    try (FetchedBranch fetched =
        FetchedBranch.fetch(new Transports(10), GitTestRepos.authorized(server, name), "main")) {
      assertEquals(third, fetched.head().name());
      assertTrue(fetched.repository().getObjectDatabase().has(ObjectId.fromString(third)));
      assertFalse(fetched.repository().getObjectDatabase().has(ObjectId.fromString(second)));
      assertFalse(fetched.repository().getObjectDatabase().has(ObjectId.fromString(first)));
      assertEquals(
          Set.of(ObjectId.fromString(third)), fetched.repository().newObjectReader().getShallowCommits());
    }
  }
}
