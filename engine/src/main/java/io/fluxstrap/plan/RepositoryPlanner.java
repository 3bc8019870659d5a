package io.fluxstrap.plan;

import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.RepositorySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plans the repository side: which managed files change, then one commit and one push. */
final class RepositoryPlanner {
  private RepositoryPlanner() {}

  /** A render step for a cluster's flux-system folder, when any managed file differs. */
  static Optional<Step> render(DesiredCluster d, Observed observed) {
    String cluster = d.cluster().name();
    String repo = d.repository().name();
    List<Action.FileChange> changes = new ArrayList<>();
    Map<String, String> before = new LinkedHashMap<>();
    Map<String, String> after = new LinkedHashMap<>();
    List<String> why = new ArrayList<>();
    for (RenderedFile f : d.files()) {
      String current = observed.fileHash(cluster, repo, f.path());
      String wanted = Fingerprints.sha256(f.content());
      String name = f.path().substring(f.path().lastIndexOf('/') + 1);
      // Flux writes kustomization.yaml only when absent, so patches users add there survive.
      // Without a refresh, a recorded folder means it is there (perhaps the user's, unhashed).
      boolean known = current != null || (!observed.refreshed() && observed.recorded(Addresses.manifests(cluster)) != null);
      if (name.equals(DesiredCluster.KUSTOMIZATION) && known && !managedKustomization(d, observed, current, f.path())) continue;
      if (wanted.equals(current)) continue;
      changes.add(new Action.FileChange(f.path(), current, wanted));
      if (current != null) before.put(f.path(), current);
      after.put(f.path(), wanted);
      why.add(reason(name, current, observed.recorded(Addresses.manifests(cluster), "file:" + f.path()), d));
    }
    if (changes.isEmpty()) return Optional.empty();
    boolean allNew = changes.stream().allMatch(c -> c.beforeHash() == null);
    return Optional.of(new Step(Addresses.manifests(cluster), allNew ? ChangeKind.CREATE : ChangeKind.UPDATE,
        String.join("; ", why), new Action.RenderManifests(cluster, repo, changes), before, after));
  }

  /**
   * kustomization.yaml is fluxstrap's to write when it carries the workload identity patches: when
   * the cluster uses workload identity, and when it did (state says so) and the file is still the
   * one fluxstrap wrote, so switching back to a token removes the patches. Else it is the user's.
   */
  private static boolean managedKustomization(DesiredCluster d, Observed observed, String current, String path) {
    if (d.workloadIdentity() != null) return true;
    String cluster = d.cluster().name();
    boolean wasWorkloadIdentity = "azure".equals(observed.recorded(Addresses.sync(cluster), "provider"));
    return wasWorkloadIdentity && current != null && current.equals(observed.recorded(Addresses.manifests(cluster), "file:" + path));
  }

  private static String reason(String name, String current, String recorded, DesiredCluster d) {
    String where = d.repository().name() + "@" + d.repository().branch();
    if (current == null) return name + " is not in " + where;
    if (recorded != null && !recorded.equals(current)) return name + " was changed in " + where + " since the last apply";
    if (name.equals(DesiredCluster.COMPONENTS)) return name + " differs from Flux " + d.cluster().flux().version() + " with the selected components";
    return name + " differs from the spec";
  }

  /** One commit holding every render of this repository, then one push. */
  static List<Step> commitAndPush(RepositorySpec r, List<Step> renders, Map<String, DesiredCluster> desired, Observed observed) {
    return commitAndPush(r, renders, List.of(), desired, observed);
  }

  /** As above, also removing the folders of {@code removals} (destroyed clusters) in the same commit. */
  static List<Step> commitAndPush(RepositorySpec r, List<Step> renders, List<Step> removals, Map<String, DesiredCluster> desired, Observed observed) {
    String head = observed.head(r.name());
    List<String> paths = new ArrayList<>();
    Set<String> clusters = new LinkedHashSet<>();
    List<String> removedDirs = new ArrayList<>();
    Set<String> removedClusters = new LinkedHashSet<>();
    boolean moved = !removals.isEmpty();
    for (Step s : removals) {
      Action.RemoveManifests rm = (Action.RemoveManifests) s.action();
      removedDirs.add(rm.dir());
      removedClusters.add(rm.cluster());
      moved &= rm.moved();
    }
    boolean components = false;
    boolean sync = false;
    for (Step s : renders) {
      Action.RenderManifests rm = (Action.RenderManifests) s.action();
      clusters.add(rm.cluster());
      for (Action.FileChange f : rm.files()) {
        paths.add(f.path());
        components |= f.path().endsWith("/" + DesiredCluster.COMPONENTS);
        sync |= !f.path().endsWith("/" + DesiredCluster.COMPONENTS);
      }
    }
    String message;
    if (clusters.isEmpty() && moved) {
      message = "Remove Flux from " + String.join(", ", removedDirs) + "\n\nMoved clusters: " + String.join(", ", removedClusters)
          + " (Flux syncs their new folders)\nApplied by fluxstrap.\n";
    } else if (clusters.isEmpty()) {
      message = "Remove Flux from " + String.join(", ", removedDirs) + "\n\nDestroyed clusters: " + String.join(", ", removedClusters)
          + "\nApplied by fluxstrap.\n";
    } else {
      String version = desired.get(clusters.iterator().next()).cluster().flux().version();
      message = message(version, components, sync, clusters);
      if (!removedDirs.isEmpty()) message += "Removes " + String.join(", ", removedDirs) + " (destroyed: " + String.join(", ", removedClusters) + ").\n";
    }
    for (String d : removedDirs) paths.add(d + "/");
    List<String> changed = new ArrayList<>(clusters);
    changed.addAll(removedClusters);
    Map<String, String> commitAfter = new LinkedHashMap<>();
    commitAfter.put("branch", r.branch());
    commitAfter.put("message", message.lines().findFirst().orElse(message));
    commitAfter.put("files", String.valueOf(paths.size()));
    Step commit = new Step(Addresses.commit(r.name()), ChangeKind.CREATE,
        clusters.isEmpty() && moved ? "the old flux-system folders of moved clusters " + String.join(", ", removedClusters) + " go, after Flux moved"
            : "flux-system manifests of " + String.join(", ", changed) + " changed",
        new Action.Commit(r.name(), r.branch(), head, message, paths), Map.of(), commitAfter);
    Map<String, String> pushBefore = new LinkedHashMap<>();
    if (head != null) pushBefore.put("head", head);
    Map<String, String> pushAfter = new LinkedHashMap<>();
    pushAfter.put("head", "(known after push)");
    Step push = new Step(Addresses.push(r.name()), head == null ? ChangeKind.CREATE : ChangeKind.UPDATE,
        head == null ? "branch " + r.branch() + " does not exist yet in " + r.url()
            : "fast-forward " + r.branch() + " of " + r.url() + " (never forced)",
        new Action.Push(r.name(), r.branch(), head), pushBefore, pushAfter);
    return List.of(commit, push);
  }

  /** Flux's commit messages, merged when one commit carries both kinds or several clusters. */
  static String message(String version, boolean components, boolean sync, Set<String> clusters) {
    String subject;
    if (components && sync) subject = "Add Flux " + version + " component and sync manifests";
    else if (components) subject = "Add Flux " + version + " component manifests";
    else subject = "Add Flux sync manifests";
    return subject + "\n\nClusters: " + String.join(", ", clusters) + "\nApplied by fluxstrap.\n";
  }
}
