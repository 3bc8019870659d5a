package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides moves: a cluster whose folder state records somewhere else than the spec puts it (its
 * {@code path}, its repository, or that repository's URL or branch changed) is replaced, create
 * before destroy, so Flux never prunes itself: the new folder is written in the repository's
 * normal commit, the sync objects are re-pointed and Flux is waited for at the new place, and only
 * then the old {@code flux-system/} folder goes (one commit per repository, at the end). A move
 * whose new folder was pushed but whose old one was not removed yet (a killed apply) plans only
 * what is left. Only the {@code flux-system/} folder moves; the user's other files stay.
 */
final class MovePlanner {
  /** {@code renders}: the new folder still has to be written (false: only the old one's removal is left). */
  record Move(String cluster, Location from, Location to, boolean renders) {
    String why() {
      return Addresses.cluster(cluster) + ": " + from.change(to);
    }
  }

  /** The moves of this plan, by cluster, and what cannot be removed (warnings). */
  record Result(Map<String, Move> moves, List<String> warnings) {}

  private MovePlanner() {}

  static Result plan(Spec spec, State state) {
    Map<String, Move> moves = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (ClusterSpec c : spec.clusters().values()) {
      RepositorySpec repo = spec.repositoryOf(c);
      if (repo == null) continue;
      Location to = Location.of(c, repo);
      Location recorded = Location.recorded(state, c.name());
      Location pending = Location.movedFrom(state, c.name());
      Move m = null;
      if (recorded != null && !recorded.samePlace(to)) m = new Move(c.name(), recorded, to, true);
      else if (pending != null && !pending.samePlace(to)) m = new Move(c.name(), pending, to, false);
      if (m == null) continue;
      if (removable(spec, m.from())) {
        moves.put(c.name(), m);
      } else {
        warnings.add(m.why() + ": its old folder " + m.from().describe() + "/ (" + m.from().url() + ") is left in place: that repository"
            + " is not in the spec with that URL, so fluxstrap has no credentials for it; remove the folder by hand once Flux syncs the new one");
        if (m.renders()) moves.put(c.name(), new Move(c.name(), null, to, true)); // written, but nothing recorded to remove
      }
    }
    return new Result(moves, warnings);
  }

  /** The old folder's repository is in the spec at the recorded URL, so its credentials can push there. */
  private static boolean removable(Spec spec, Location from) {
    RepositorySpec r = spec.repositories().get(from.repository());
    return r != null && (from.url() == null || from.url().equals(r.url()));
  }

  /** The render of a moving cluster as the create half of its replace; {@code render} null when the files are there already. */
  static Step replace(Move m, Step render, DesiredCluster d) {
    Location at = m.from();
    List<Action.FileChange> files = render == null ? List.of() : ((Action.RenderManifests) render.action()).files();
    Map<String, String> before = new LinkedHashMap<>();
    Map<String, String> after = new LinkedHashMap<>();
    if (at != null) before.put("folder", at.describe() + "/");
    after.put("folder", m.to().describe() + "/");
    if (render != null) {
      before.putAll(render.before());
      after.putAll(render.after());
    }
    String why = at == null ? "cluster." + m.cluster() + ": moved; the new folder is written first"
        : m.why() + "; " + m.to().describe() + "/ is written first, Flux is moved to it, then " + at.describe() + "/ is removed";
    return new Step(Addresses.manifests(m.cluster()), ChangeKind.REPLACE, why,
        new Action.RenderManifests(m.cluster(), d.repository().name(), files, at), before, after);
  }

  /**
   * A moving cluster's own steps: the sync step says where Flux goes and what it prunes, and Flux is
   * always waited for (even with health checks off) before the old folder is removed.
   */
  static List<Step> adjust(Move m, DesiredCluster d, List<Step> steps) {
    if (m == null || m.from() == null) return steps;
    List<Step> out = new ArrayList<>();
    boolean waits = false;
    for (Step s : steps) {
      if (s.action() instanceof Action.ApplySync) {
        String then = m.from().path().equals(m.to().path()) ? "; Flux then syncs " + m.to().describe()
            : "; Flux then syncs " + d.cluster().syncPath() + " and prunes what it applied from ./" + m.from().path() + " that is not there";
        s = new Step(s.address(), s.change(), m.why() + then, s.action(), s.before(), s.after());
      }
      waits |= s.action() instanceof Action.WaitHealthy;
      out.add(s);
    }
    if (!waits) {
      var c = d.cluster();
      out.add(new Step(Addresses.health(c.name()), ChangeKind.READ,
          m.why() + ": wait for Flux to be Ready at " + m.to().describe() + "/ before " + m.from().dir() + "/ is removed",
          new Action.WaitHealthy(c.name(), c.health().timeout().toSeconds()), Map.of(), Map.of("timeout", c.health().timeout().toSeconds() + "s")));
    }
    return out;
  }

  /**
   * The destroy half of every replace, last in the plan: per repository (and branch) of an old
   * folder, its removals, one commit and one push, never forced.
   */
  static List<Step> removals(Spec spec, Result r, Observed observed) {
    Map<String, List<Step>> byRepo = new LinkedHashMap<>();
    Map<String, RepositorySpec> repos = new LinkedHashMap<>();
    for (Move m : r.moves().values()) {
      if (m.from() == null) continue;
      RepositorySpec now = spec.repositories().get(m.from().repository());
      String branch = m.from().branch() == null ? now.branch() : m.from().branch();
      RepositorySpec at = branch.equals(now.branch()) ? now
          : new RepositorySpec(now.name(), now.url(), branch, now.author(), now.auth(), now.allowInsecureHttp(), now.caFile());
      String key = at.name() + "@" + branch;
      repos.put(key, at);
      Map<String, String> before = new LinkedHashMap<>();
      before.put("folder", m.from().describe() + "/");
      byRepo.computeIfAbsent(key, k -> new ArrayList<>()).add(new Step(Addresses.manifests(m.cluster()), ChangeKind.REPLACE,
          m.why() + "; the old folder goes once Flux is Ready at " + m.to().describe() + "/ (only flux-system/: other files under "
              + (m.from().path().isEmpty() ? "the repository root" : m.from().path() + "/") + " stay)",
          new Action.RemoveManifests(m.cluster(), at.name(), m.from().dir(), true), before, Map.of()));
    }
    List<Step> steps = new ArrayList<>();
    for (var e : byRepo.entrySet()) {
      steps.addAll(e.getValue());
      RepositorySpec at = repos.get(e.getKey());
      boolean oldBranch = !at.branch().equals(spec.repositories().get(at.name()).branch());
      for (Step s : RepositoryPlanner.commitAndPush(at, List.of(), e.getValue(), Map.of(), observed)) {
        // the branch a folder moved from was not read: its head is known only at push time
        if (oldBranch && s.action() instanceof Action.Push) {
          s = new Step(s.address(), ChangeKind.UPDATE, "fast-forward " + at.branch() + " of " + at.url() + ", the branch the folder moved from (never forced)",
              new Action.Push(at.name(), at.branch(), null), Map.of(), s.after());
        } else if (oldBranch && s.action() instanceof Action.Commit c) {
          s = new Step(s.address(), s.change(), s.reason(), new Action.Commit(c.repository(), c.branch(), null, c.message(), c.paths()), s.before(), s.after());
        }
        steps.add(s);
      }
    }
    return steps;
  }
}
