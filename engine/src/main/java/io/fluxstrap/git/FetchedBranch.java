package io.fluxstrap.git;

import io.fluxstrap.secret.Fingerprints;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * One branch of a remote repository, fetched into memory: only that branch, depth 1 when the
 * server supports shallow fetches (history is never needed: we read the head tree and commit on
 * top of it). Nothing touches the file system. Close it to release the objects.
 */
final class FetchedBranch implements AutoCloseable {
  private final InMemoryRepository repo;
  private final String branch;
  private final RevCommit head;
  /** Kept open so that a push reuses its connection (over SSH: one session for fetch and push). */
  private final Transport transport;

  private FetchedBranch(InMemoryRepository repo, String branch, RevCommit head, Transport transport) {
    this.repo = repo;
    this.branch = branch;
    this.head = head;
    this.transport = transport;
  }

  /** Fetches {@code branch}; {@link #exists()} is false when the branch (or the repository's history) is absent. */
  static FetchedBranch fetch(Transports transports, RemoteRepo remote, String branch) throws IOException {
    InMemoryRepository repo = new ShallowMemoryRepository();
    Transport t = null;
    try {
      t = transports.open(repo, remote);
      RevCommit head;
      try {
        head = fetchHead(t, repo, branch, true);
      } catch (TransportException e) {
        // A server without shallow support: fetch the branch in full rather than fail.
        if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("shallow")) {
          throw e;
        }
        t.close();
        t = transports.open(repo, remote);
        head = fetchHead(t, repo, branch, false);
      }
      return new FetchedBranch(repo, branch, head, t);
    } catch (IOException | RuntimeException e) {
      if (t != null) {
        t.close();
      }
      repo.close();
      throw e;
    }
  }

  private static RevCommit fetchHead(Transport t, InMemoryRepository repo, String branch, boolean shallow)
      throws IOException {
    String ref = refName(branch);
    if (shallow) {
      t.setDepth(1);
    }
    try (FetchConnection c = t.openFetch(List.of(new RefSpec(ref)))) {
      Ref advertised = c.getRef(ref);
      if (advertised == null || advertised.getObjectId() == null) {
        return null;
      }
      c.fetch(NullProgressMonitor.INSTANCE, List.of(advertised), Set.of());
      try (RevWalk walk = new RevWalk(repo)) {
        return walk.parseCommit(advertised.getObjectId());
      }
    }
  }

  static String refName(String branch) {
    return "refs/heads/" + branch;
  }

  boolean exists() {
    return head != null;
  }

  /** The head commit, or null for an absent branch. */
  RevCommit head() {
    return head;
  }

  /** The head's tree, or null for an absent branch. */
  RevTree tree() {
    return head == null ? null : head.getTree();
  }

  InMemoryRepository repository() {
    return repo;
  }

  /** The open transport the branch was fetched with, bound to {@link #repository()}; closed by {@link #close()}. */
  Transport transport() {
    return transport;
  }

  String branch() {
    return branch;
  }

  /** Regular and executable files under {@code dir} ("" = all), by repository-relative path. */
  Map<String, byte[]> files(String dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    if (head == null) {
      return out;
    }
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(head.getTree());
      walk.setRecursive(true);
      if (!dir.isEmpty()) {
        walk.setFilter(PathFilter.create(dir));
      }
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          out.put(walk.getPathString(), reader.open(walk.getObjectId(0)).getBytes());
        }
      }
    }
    return out;
  }

  /**
   * What is at {@code path} on the head: null when nothing, {@code sha256:<hex>} of a file's bytes,
   * or a word ("directory", "symlink", "submodule") that no expected hash can equal.
   */
  String hashAt(String path) throws IOException {
    if (head == null) {
      return null;
    }
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk walk = TreeWalk.forPath(reader, path, head.getTree())) {
      if (walk == null) {
        return null;
      }
      FileMode mode = walk.getFileMode(0);
      if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
        return Fingerprints.sha256(reader.open(walk.getObjectId(0)).getBytes());
      }
      if (mode == FileMode.TREE) {
        return "directory";
      }
      return mode == FileMode.SYMLINK ? "symlink" : "submodule";
    }
  }

  /** The id of the head, or the zero id for an absent branch (what a push must find there). */
  ObjectId expectedRemoteId() {
    return head == null ? ObjectId.zeroId() : head.getId();
  }

  @Override
  public void close() {
    try {
      transport.close();
    } finally {
      repo.close();
    }
  }
}
