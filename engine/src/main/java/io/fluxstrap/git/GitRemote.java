package io.fluxstrap.git;

/**
 * The engine's view of a remote Git repository. Implementations work in memory (no working tree,
 * shallow fetch of one branch) and never force-push. Failures are {@link GitFailure}s whose
 * messages name the repository URL and never a credential.
 */
public interface GitRemote {
  /**
   * The head of {@code branch} and the files under folder {@code dir} (repository-relative, no
   * leading or trailing slash; "" = whole tree). Absent branch: {@link RemoteBranch#absent()}.
   */
  default RemoteBranch read(RemoteRepo repo, String branch, String dir) {
    return read(repo, branch, java.util.List.of(dir));
  }

  /**
   * Like {@link #read(RemoteRepo, String, String)} for several folders at once, in one fetch: a
   * repository shared by many clusters is fetched once per refresh, not once per cluster. No
   * folders: the head only.
   */
  RemoteBranch read(RemoteRepo repo, String branch, java.util.List<String> dirs);

  /**
   * Writes {@code change.files()} on top of the current head of the branch in one commit and
   * pushes it. Before writing, each file's content at the current head must still hash to its
   * expected before-hash (null = absent), else {@link GitFailure.Conflict}; a file that already has
   * the new content is accepted and left alone (a re-run after a lost response). When the head moved
   * since {@code change.baseHead()} but the files are as expected, the commit goes on the new head.
   * A rejected push (someone pushed meanwhile) is retried on the new head a few times. When the
   * resulting tree equals the head's, nothing is committed or pushed: the result is the current head
   * with {@code committed == false} (head null when the branch is absent and there is nothing to
   * write). A missing local ({@code file://}) repository is created first.
   */
  PushResult push(RemoteRepo repo, CommitChange change);

  /** Checks that the credential can push to the branch's repository without changing it. */
  void checkPushAccess(RemoteRepo repo);
}
