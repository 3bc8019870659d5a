package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a cluster's {@code flux-system} folder is: repository (by spec name, with the URL and branch
 * it had), and folder {@code dir} ({@code <path>/flux-system}). State keeps it on
 * {@code cluster.NAME.manifests} ({@code repository}, {@code url}, {@code branch}, {@code dir}); while
 * a move is under way, the old one as {@code moved_from_*} until its removal is pushed.
 */
public record Location(String repository, String url, String branch, String dir) {
  public static final String MOVED_FROM = "moved_from_";

  /** Where the spec puts {@code c}'s folder. */
  public static Location of(ClusterSpec c, RepositorySpec r) {
    return new Location(r.name(), r.url(), r.branch(), c.fluxDir());
  }

  /**
   * Where state says the folder was written, null when it was not (or cannot tell). States written
   * before locations were recorded: the cluster's recorded repository and folder, and that
   * repository's recorded URL and branch.
   */
  public static Location recorded(State state, String cluster) {
    ResourceState m = state.resource(Addresses.manifests(cluster));
    if (m == null) return null;
    Location own = read(m, "");
    if (own != null) return own;
    ResourceState c = state.resource(Addresses.cluster(cluster));
    if (c == null || c.get("repository") == null || c.get("flux_dir") == null) return null;
    ResourceState r = state.resource(Addresses.repository(c.get("repository")));
    if (r == null) return null;
    return new Location(c.get("repository"), r.get("url"), r.get("branch"), c.get("flux_dir"));
  }

  /** The old folder of a move whose removal is not pushed yet, null when none. */
  public static Location movedFrom(State state, String cluster) {
    ResourceState m = state.resource(Addresses.manifests(cluster));
    return m == null ? null : read(m, MOVED_FROM);
  }

  private static Location read(ResourceState m, String prefix) {
    String repository = m.get(prefix + "repository");
    String dir = m.get(prefix + "dir");
    if (repository == null || dir == null) return null;
    return new Location(repository, m.get(prefix + "url"), m.get(prefix + "branch"), dir);
  }

  /** The attributes that record this location, keys prefixed by {@code prefix}. */
  public Map<String, String> attributes(String prefix) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(prefix + "repository", repository);
    if (url != null) a.put(prefix + "url", url);
    if (branch != null) a.put(prefix + "branch", branch);
    a.put(prefix + "dir", dir);
    return a;
  }

  /** The same place: a URL or branch unknown in an old state is taken as unchanged. */
  public boolean samePlace(Location other) {
    return repository.equals(other.repository) && dir.equals(other.dir)
        && (url == null || other.url == null || url.equals(other.url))
        && (branch == null || other.branch == null || branch.equals(other.branch));
  }

  /** The cluster's path, as the spec writes it ({@code ""} for the repository root). */
  String path() {
    return dir.equals("flux-system") ? "" : dir.substring(0, dir.length() - "/flux-system".length());
  }

  /** Why {@code to} is not {@code this}, for a person: "path changed clusters/a -> clusters/b". */
  public String change(Location to) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (!repository.equals(to.repository)) parts.add("repository changed " + repository + " -> " + to.repository);
    else if (!Objects.equals(url, to.url) && url != null) parts.add("repository " + repository + "'s url changed " + url + " -> " + to.url);
    else if (!Objects.equals(branch, to.branch) && branch != null) parts.add("repository " + repository + "'s branch changed " + branch + " -> " + to.branch);
    if (!dir.equals(to.dir) || parts.isEmpty()) parts.add("path changed " + show(path()) + " -> " + show(to.path()));
    return String.join(", ", parts);
  }

  private static String show(String path) {
    return path.isEmpty() ? "(repository root)" : path;
  }

  /** {@code fleet@main:clusters/a/flux-system}. */
  public String describe() {
    return repository + (branch == null ? "" : "@" + branch) + ":" + dir;
  }
}
