package io.fluxstrap.git;

import java.util.HashMap;

import java.util.Map;

import io.fluxstrap.secret.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * {@link GitRemote} on JGit, in memory: each operation fetches the one branch it needs (shallow),
 * builds trees and commits in an in-memory repository and pushes with the expected old id, so a
 * concurrent writer is detected by the server and never overwritten. Pushing the same files twice
 * commits once. Thread-safe: operations share no mutable state.
 */
public final class JGitRemote implements GitRemote {
  /** Pushes rejected because someone else pushed meanwhile are retried this often in all. */
  static final int MAX_ATTEMPTS = 5;

  static {
    FileStoreDefaults.install(); // before JGit opens any repository on disk
  }

  private final Transports transports;
  private final IntConsumer beforePush;

  public JGitRemote() {
    this(60);
  }

  /** {@code timeoutSeconds}: how long one network read or connect may stall before failing. */
  public JGitRemote(int timeoutSeconds) {
    this(timeoutSeconds, attempt -> {});
  }

  /** For tests: {@code beforePush} runs with the attempt number between building a commit and pushing it. */
  JGitRemote(int timeoutSeconds, IntConsumer beforePush) {
    this.transports = new Transports(timeoutSeconds);
    this.beforePush = beforePush;
  }

  @Override
  public RemoteBranch read(RemoteRepo repo, String branch, List<String> dirs) {
    List<String> folders = dirs.stream().map(JGitRemote::normaliseDir).toList();
    try {
      checkBranch(repo, branch);
      Path local = Transports.localPath(repo);
      if (local != null && !LocalRepositories.exists(local, display(repo))) {
        return RemoteBranch.absent();
      }
      try (FetchedBranch fetched = FetchedBranch.fetch(transports, repo, branch)) {
        if (!fetched.exists()) {
          return RemoteBranch.absent();
        }
        Map<String, byte[]> files = new HashMap<>();
        for (String folder : folders) files.putAll(fetched.files(folder));
        return new RemoteBranch(true, fetched.head().name(), files);
      }
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslator.translate(repo, e);
    }
  }

  @Override
  public PushResult push(RemoteRepo repo, CommitChange change) {
    try {
      checkBranch(repo, change.branch());
      Path local = Transports.localPath(repo);
      if (local != null) {
        LocalRepositories.createIfMissing(local, change.branch(), display(repo));
      }
      Rejection last = null;
      for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        try (FetchedBranch fetched = FetchedBranch.fetch(transports, repo, change.branch())) {
          if (last != null && !last.headMoved(fetched)) {
            // Rejected although nobody pushed: a server rule (branch policy, hook), not a race.
            throw new GitFailure(
                "push to " + display(repo) + " branch " + change.branch() + " was rejected: " + last.reason());
          }
          PushAttempt outcome = attempt(repo, change, fetched, attempt);
          if (outcome.result() != null) {
            return outcome.result();
          }
          last = outcome.rejection();
        }
      }
      throw new GitFailure(
          "push to "
              + display(repo)
              + " branch "
              + change.branch()
              + " was rejected "
              + MAX_ATTEMPTS
              + " times because others kept pushing to it; run apply again");
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslator.translate(repo, e);
    }
  }

  @Override
  public void checkPushAccess(RemoteRepo repo) {
    try {
      Path local = Transports.localPath(repo);
      if (local != null) {
        checkLocalWritable(repo, local);
        if (!LocalRepositories.exists(local, display(repo))) {
          return; // created (again) on first push; its parent is writable
        }
      }
      try (Repository empty = new ShallowMemoryRepository();
          Transport t = transports.open(empty, repo);
          PushConnection c = t.openPush()) {
        // The receive-pack advertisement alone proves the credential may push; nothing is sent.
        c.getRefs();
      }
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslator.translate(repo, e);
    }
  }

  private PushAttempt attempt(RemoteRepo repo, CommitChange change, FetchedBranch fetched, int attempt)
      throws IOException {
    List<CommitChange.FileWrite> writes = checkedWrites(repo, change, fetched);
    try (ObjectInserter inserter = fetched.repository().newObjectInserter();
        ObjectReader reader = fetched.repository().newObjectReader()) {
      ObjectId tree = TreeWriter.write(inserter, reader, fetched.tree(), writes, change.removeDirs());
      if (fetched.exists() && tree.equals(fetched.tree())) {
        return PushAttempt.done(new PushResult(fetched.head().name(), false));
      }
      if (!fetched.exists() && writes.isEmpty()) {
        return PushAttempt.done(new PushResult(null, false));
      }
      ObjectId commit = inserter.insert(commit(change, fetched, tree));
      inserter.flush();
      beforePush.accept(attempt);
      return pushCommit(repo, change, fetched, commit);
    }
  }

  /**
   * Each file must still be as the plan saw it, or already be as the plan wants it (then it is
   * skipped: a re-run after a lost response must not fail). Anything else is a conflict.
   */
  private static List<CommitChange.FileWrite> checkedWrites(RemoteRepo repo, CommitChange change, FetchedBranch fetched)
      throws IOException {
    List<CommitChange.FileWrite> writes = new ArrayList<>();
    for (CommitChange.FileWrite w : change.files()) {
      String actual = fetched.hashAt(TreeWriter.checkedPath(w.path()));
      if (Objects.equals(actual, Fingerprints.sha256(w.content()))) {
        continue;
      }
      if (!Objects.equals(actual, w.expectedBeforeHash())) {
        throw new GitFailure.Conflict(
            w.path()
                + " on branch "
                + change.branch()
                + " of "
                + display(repo)
                + " changed since the plan was made (expected "
                + describe(w.expectedBeforeHash())
                + ", found "
                + describe(actual)
                + "); run plan again");
      }
      writes.add(w);
    }
    return writes;
  }

  private static CommitBuilder commit(CommitChange change, FetchedBranch fetched, ObjectId tree) {
    PersonIdent who = new PersonIdent(change.authorName(), change.authorEmail() == null ? "" : change.authorEmail());
    CommitBuilder cb = new CommitBuilder();
    cb.setTreeId(tree);
    if (fetched.exists()) {
      cb.setParentId(fetched.head());
    }
    cb.setAuthor(who);
    cb.setCommitter(who);
    cb.setMessage(change.message().endsWith("\n") ? change.message() : change.message() + "\n");
    return cb;
  }

  private PushAttempt pushCommit(RemoteRepo repo, CommitChange change, FetchedBranch fetched, ObjectId commit)
      throws IOException {
    String ref = FetchedBranch.refName(change.branch());
    // Never forced: the server applies it only if the branch is still at the head we built on.
    RemoteRefUpdate update =
        new RemoteRefUpdate(
            fetched.repository(), commit.name(), commit, ref, false, null, fetched.expectedRemoteId());
    // On the fetch's own transport: over SSH the push reuses its session instead of a second handshake.
    Transport t = fetched.transport();
    RemoteRefUpdate result =
        t.push(NullProgressMonitor.INSTANCE, List.of(update)).getRemoteUpdate(ref);
    RemoteRefUpdate.Status status = result == null ? update.getStatus() : result.getStatus();
    String message = result == null ? null : result.getMessage();
    switch (status) {
      case OK:
      case UP_TO_DATE:
        return PushAttempt.done(new PushResult(commit.name(), true));
      case REJECTED_NONFASTFORWARD:
      case REJECTED_REMOTE_CHANGED:
        return PushAttempt.rejected(new Rejection(fetched.expectedRemoteId(), "the branch moved", true));
      default:
        return PushAttempt.rejected(
            new Rejection(fetched.expectedRemoteId(), message == null ? status.name() : message, false));
    }
  }

  private static void checkLocalWritable(RemoteRepo repo, Path local) {
    Path existing = LocalRepositories.nearestExisting(local);
    if (existing == null || !Files.isWritable(existing)) {
      throw new GitFailure.AuthFailed(
          "cannot push to " + display(repo) + ": " + (existing == null ? local : existing) + " is not writable");
    }
  }

  private static void checkBranch(RemoteRepo repo, String branch) {
    if (branch == null || !Repository.isValidRefName(FetchedBranch.refName(branch))) {
      throw new GitFailure("invalid branch name '" + branch + "' for " + display(repo));
    }
  }

  private static String normaliseDir(String dir) {
    String d = dir == null ? "" : dir.strip();
    while (d.startsWith("./")) {
      d = d.substring(2);
    }
    while (d.startsWith("/")) {
      d = d.substring(1);
    }
    while (d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d.equals(".") ? "" : d;
  }

  private static String describe(String hash) {
    return hash == null ? "absent" : hash;
  }

  private static String display(RemoteRepo repo) {
    return ErrorTranslator.displayUrl(repo.url());
  }

  /** Why the last push was refused, and the head it was built on. */
  private record Rejection(ObjectId base, String reason, boolean raced) {
    boolean headMoved(FetchedBranch now) {
      return raced || !base.equals(now.expectedRemoteId());
    }
  }

  /** Either a result, or a rejection to retry after. */
  private record PushAttempt(PushResult result, Rejection rejection) {
    static PushAttempt done(PushResult r) {
      return new PushAttempt(r, null);
    }

    static PushAttempt rejected(Rejection r) {
      return new PushAttempt(null, r);
    }
  }
}
