package io.fluxstrap.apply;

import io.fluxstrap.git.CommitChange;
import io.fluxstrap.git.PushResult;
import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Location;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.state.ResourceState;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Render, commit and push: the repository side of an apply. */
final class RepositorySteps {
  private RepositorySteps() {}

  /** Re-renders (pure) and checks the result is what the plan showed, then stages the files. */
  static String render(Run run, Action.RenderManifests a) {
    DesiredCluster d = run.desired.get(a.cluster());
    Map<String, RenderedFile> byPath = new LinkedHashMap<>();
    for (RenderedFile f : d.files()) byPath.put(f.path(), f);
    for (Action.FileChange fc : a.files()) {
      RenderedFile f = byPath.get(fc.path());
      if (f == null || !Fingerprints.sha256(f.content()).equals(fc.afterHash())) {
        throw StalePlan.because("the rendered " + fc.path() + " differs from the planned one (did the spec or the release bundle change?)");
      }
      run.addPending(a.repository(), a.cluster(), new CommitChange.FileWrite(fc.path(), f.content().getBytes(StandardCharsets.UTF_8), fc.beforeHash()));
    }
    run.addPendingCluster(a.repository(), a.cluster());
    if (a.movedFrom() != null) run.movedFrom.put(a.cluster(), a.movedFrom());
    return a.files().size() + " file(s) rendered";
  }

  static String commit(Run run, Action.Commit a) {
    RepositorySpec r = run.spec.repositories().get(a.repository());
    // consumed: a later commit of this repository in the same run (moved clusters' old folders) starts afresh
    List<CommitChange.FileWrite> files = orEmpty(run.pending.remove(a.repository()));
    List<String> removed = orEmpty(run.removedDirs.remove(a.repository()));
    run.commits.put(a.repository(), new CommitChange(a.branch(), a.baseHead(), a.message(), r.author().name(), r.author().email(), files, removed));
    return "commit prepared with " + files.size() + " file(s)" + (removed.isEmpty() ? "" : " and " + removed.size() + " folder(s) removed");
  }

  /** Stages the removal of a destroyed cluster's folder; the push removes it from state. */
  static String remove(Run run, Action.RemoveManifests a) {
    run.addRemoval(a.repository(), a.cluster(), a.dir());
    if (a.moved()) run.movedOut.add(a.cluster());
    return a.dir() + "/ staged for removal";
  }

  /**
   * Pushes (never forced). The Git side commits only when the tree changes, so re-running after a
   * crash between push and state write makes no second commit.
   */
  static String push(Run run, Action.Push a) {
    RepositorySpec r = run.spec.repositories().get(a.repository());
    CommitChange change = run.commits.remove(a.repository());
    if (change == null) throw new IllegalStateException("push without commit for " + a.repository());
    run.listener.progress(r.address() + ": pushing to " + a.branch() + " of " + r.url());
    PushResult result = run.connections.git().push(run.connections.remote(r), change);
    if (a.branch().equals(r.branch())) { // not a moved cluster's old branch
      run.pushedHeads.put(a.repository(), result.head());
      Map<String, String> repoAttrs = new LinkedHashMap<>();
      repoAttrs.put("url", r.url());
      repoAttrs.put("branch", r.branch());
      repoAttrs.put("head", result.head());
      run.record(Addresses.repository(r.name()), "repository", repoAttrs);
    }
    for (String cluster : orEmpty(run.pendingClusters.remove(a.repository()))) recordFolder(run, r, cluster, change, result.head());
    for (String cluster : orEmpty(run.removedClusters.remove(a.repository()))) {
      ResourceState m = run.state().resource(Addresses.manifests(cluster));
      if (!run.movedOut.remove(cluster)) run.forget(Addresses.manifests(cluster));
      else if (m != null) { // the move is complete: only the new folder stays recorded
        Map<String, String> attrs = new LinkedHashMap<>(m.attributes());
        attrs.keySet().removeIf(k -> k.startsWith(Location.MOVED_FROM));
        run.record(Addresses.manifests(cluster), "manifests", attrs);
      }
    }
    if (result.head() == null) return "nothing to push (the branch does not exist)";
    if (!a.branch().equals(r.branch())) return (result.committed() ? "pushed " : "already up to date at ") + result.head().substring(0, 12) + " to " + a.branch();
    String shortHead = result.head().substring(0, Math.min(12, result.head().length()));
    return result.committed() ? "pushed " + shortHead + " to " + r.branch() : "already up to date at " + shortHead + " (no commit)";
  }

  /**
   * Records where the cluster's folder now is and its files' hashes. A move also records where the
   * folder was ({@code moved_from_*}) until the old one's removal is pushed.
   */
  private static void recordFolder(Run run, RepositorySpec r, String cluster, CommitChange change, String head) {
    String dir = run.desired.get(cluster).cluster().fluxDir();
    Map<String, String> attrs = new LinkedHashMap<>();
    ResourceState previous = run.state().resource(Addresses.manifests(cluster));
    if (previous != null) attrs.putAll(previous.attributes());
    attrs.keySet().removeIf(k -> k.startsWith("file:") && !k.startsWith("file:" + dir + "/")); // an old folder's
    Location from = run.movedFrom.remove(cluster);
    if (from != null) attrs.putAll(from.attributes(Location.MOVED_FROM));
    attrs.putAll(Location.of(run.desired.get(cluster).cluster(), r).attributes(""));
    for (CommitChange.FileWrite w : change.files()) {
      if (w.path().startsWith(dir + "/")) attrs.put("file:" + w.path(), Fingerprints.sha256(w.content()));
    }
    attrs.put("commit", head);
    run.record(Addresses.manifests(cluster), "manifests", attrs);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
