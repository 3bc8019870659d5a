package io.fluxstrap.drift;

import io.fluxstrap.drift.Check.Result;
import io.fluxstrap.manifests.RenderedFile;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Live;
import io.fluxstrap.plan.Location;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.state.State;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A repository's checks: its token's expiry, the branch (gone, or moved since the last apply), and
 * per cluster the managed files under {@code <path>/flux-system/}: edited, deleted or added to by hand.
 */
final class RepositoryChecks {
  private final RepositorySpec repo;
  private final State state;
  private final CheckList out;

  private RepositoryChecks(RepositorySpec repo, State state, Fixes fixes) {
    this.repo = repo;
    this.state = state;
    this.out = new CheckList(fixes);
  }

  /** {@code live} null when reading failed with {@code error}. */
  static List<Check> run(RepositorySpec repo, List<DesiredCluster> clusters, State state, Live.Repository live, String error,
      Fixes fixes, LocalDate today, int windowDays) {
    RepositoryChecks r = new RepositoryChecks(repo, state, fixes);
    r.expiry(today, windowDays);
    if (live == null) {
      r.out.finding(Result.ERROR, "repository.reachable", repo.address(), null, "cannot read " + repo.url() + ": " + error,
          null, null, null, "check the URL, the network and the token; the clusters are still checked");
      return r.out.list();
    }
    r.out.pass("repository.reachable", repo.address(), null, "read " + repo.url());
    if (!r.branch(live)) return r.out.list();
    for (DesiredCluster d : clusters) r.files(d, live);
    for (DesiredCluster d : clusters) r.pending(d);
    return r.out.list();
  }

  /** The PAT's expiry, when the spec gives it: a warning inside the window, an error once past. */
  private void expiry(LocalDate today, int windowDays) {
    if (!(repo.auth() instanceof GitAuth.Token t) || t.expires() == null) return;
    long days = ChronoUnit.DAYS.between(today, t.expires());
    String what = "the token in " + t.env();
    String hint = "create a new PAT, set " + t.env() + ", update auth.token.expires and run apply to rotate the cluster secret";
    if (days < 0) {
      out.finding(Result.ERROR, "credentials.expiry", repo.address(), null, what + " expired on " + t.expires(),
          "valid after " + today, "expired " + t.expires(), null, hint);
    } else if (days <= windowDays) {
      out.finding(Result.WARNING, "credentials.expiry", repo.address(), null,
          what + " expires in " + DriftReport.plural(days, "day") + " (" + t.expires() + ")",
          "more than " + DriftReport.plural(windowDays, "day") + " left", DriftReport.plural(days, "day") + " left", null, hint);
    } else {
      out.pass("credentials.expiry", repo.address(), null, what + " expires on " + t.expires());
    }
  }

  /** False when there is no branch to check files in. */
  private boolean branch(Live.Repository live) {
    String recorded = recorded(Addresses.repository(repo.name()), "head");
    if (live.head() == null) {
      if (recorded != null) {
        out.finding(Result.ERROR, "repository.branch", repo.address(), null,
            "branch " + repo.branch() + " is gone from " + repo.url(), recorded, "(no branch)", Addresses.push(repo.name()),
            "restore the branch (it was at " + recorded + ") or check the spec's branch");
      } else {
        out.finding(Result.DRIFT, "repository.branch", repo.address(), null,
            "branch " + repo.branch() + " does not exist yet (never applied)", repo.branch(), "(no branch)", Addresses.push(repo.name()), null);
      }
      return false;
    }
    out.pass("repository.branch", repo.address(), null, "branch " + repo.branch() + " exists");
    if (recorded == null) return true;
    if (!recorded.equals(live.head())) {
      out.finding(Result.NOTE, "repository.head", repo.address(), null, "branch " + repo.branch() + " moved since the last apply",
          recorded, live.head(), null, "expected when others commit to the branch; the managed files are checked below");
    } else {
      out.pass("repository.head", repo.address(), null, "branch " + repo.branch() + " is at the applied commit");
    }
    return true;
  }

  /** Each managed file against what was applied (state) and what the spec renders; then files nobody manages. */
  private void files(DesiredCluster d, Live.Repository live) {
    String address = Addresses.manifests(d.cluster().name());
    String dir = d.cluster().fluxDir();
    if (moved(d, address)) return;
    for (RenderedFile f : d.files()) {
      String name = f.path().substring(f.path().lastIndexOf('/') + 1);
      String id = "manifests." + name.replace(".yaml", "");
      String now = live.files().get(f.path());
      String applied = recorded(address, "file:" + f.path());
      String wanted = Fingerprints.sha256(f.content());
      boolean userFile = name.equals(DesiredCluster.KUSTOMIZATION);
      if (now == null) {
        out.finding(Result.DRIFT, id, address, f.path(), name + (applied != null ? " was deleted from " : " is not in ") + where(),
            applied != null ? applied : wanted, "(absent)", address, null);
      } else if (applied != null && !applied.equals(now)) {
        if (userFile) {
          out.finding(Result.NOTE, id, address, f.path(), name + " was edited since the last apply", applied, now, null,
              "kept: like Flux, fluxstrap never rewrites an existing kustomization.yaml (user patches live there)");
        } else {
          out.finding(Result.DRIFT, id, address, f.path(), name + " was edited in " + where() + " since the last apply",
              applied, now, address, null);
        }
      } else if (!userFile && !wanted.equals(now)) {
        out.finding(Result.DRIFT, id, address, f.path(), name + " differs from the spec (not applied yet)", wanted, now, address, null);
      } else {
        out.pass(id, address, f.path(), name + (userFile && !wanted.equals(now) ? " is the repository's own (kept)" : " as applied"));
      }
    }
    Set<String> managed = new TreeSet<>(d.files().stream().map(RenderedFile::path).toList());
    List<String> added = live.files().keySet().stream().filter(p -> p.startsWith(dir + "/") && !managed.contains(p)).sorted().toList();
    for (String p : added) {
      out.finding(Result.DRIFT, "manifests.added", address, p, p.substring(dir.length() + 1) + " was added to " + dir + "/ by hand",
          "only " + String.join(", ", managed.stream().map(m -> m.substring(dir.length() + 1)).toList()), p, null,
          "move it out of " + dir + "/ (fluxstrap manages that folder; Flux applies only what kustomization.yaml lists)");
    }
    if (added.isEmpty()) out.pass("manifests.added", address, null, "no other files in " + dir + "/");
  }

  /**
   * A cluster whose folder state records elsewhere than the spec puts it (path or repository changed,
   * not applied yet): one finding, not one per missing file. True when so. A move whose old folder
   * is not removed yet (an apply stopped before Flux was Ready at the new place) is noted.
   */
  private boolean moved(DesiredCluster d, String address) {
    String name = d.cluster().name();
    Location to = Location.of(d.cluster(), repo);
    Location at = Location.recorded(state, name);
    if (at != null && !at.samePlace(to)) {
      out.finding(Result.DRIFT, "manifests.location", address, null, Addresses.cluster(name) + " moves: " + at.change(to)
          + " (not applied yet)", at.describe() + "/", to.describe() + "/", address,
          "apply replaces it (-/+): the new folder first, then Flux is re-pointed, then the old flux-system/ folder is removed");
      return true;
    }
    Location old = Location.movedFrom(state, name);
    if (old != null && !old.samePlace(to)) {
      out.finding(Result.DRIFT, "manifests.location", address, null, "the old folder " + old.describe() + "/ of a move is not removed yet",
          to.describe() + "/ only", old.describe() + "/ too", address, "apply removes it once Flux is Ready at " + to.describe() + "/");
    } else {
      out.pass("manifests.location", address, null, "flux-system/ is where the spec puts it (" + to.describe() + "/)");
    }
    return false;
  }

  /** A render the planner makes that no finding above explains (the commit and push follow from it). */
  private void pending(DesiredCluster d) {
    String address = Addresses.manifests(d.cluster().name());
    if (out.fixes(address)) return;
    out.stepsAt(address).forEach(s -> out.finding(Result.DRIFT, "plan.pending", s.address(), null,
        "apply would: " + s.reason(), null, null, s.address(), null));
  }

  private String where() {
    return repo.name() + "@" + repo.branch();
  }

  private String recorded(String address, String attribute) {
    var r = state.resource(address);
    return r == null ? null : r.get(attribute);
  }
}
