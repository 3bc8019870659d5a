package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a schema-checked tree into a {@link Spec}: applies defaults, resolves paths and runs the
 * checks that span several values (references between clusters and repositories, clusters
 * sharing a folder). Every problem is reported; the spec is only built when there are none.
 */
final class SpecReader {
  private static final String NAME_PATTERN = "[a-z0-9][-a-z0-9_.]*";

  private final ReadContext in;

  SpecReader(ReadContext in) {
    this.in = in;
  }

  /** The spec, or null when anything was reported as an error. */
  Spec read(Path file, String text) {
    String name = in.text("/name", null);
    if (name == null && !in.has("/name")) name = nameFromFile(file);
    String statePath = in.text("/state/path", null);
    Path stateFile = statePath == null ? null : in.path("/state/path", statePath);
    StateSpec state = new StateReader(in).read();

    List<String> repositoryNames = in.keys("/repositories");
    Map<String, RepositorySpec> repositories = new LinkedHashMap<>();
    RepositoryReader repositoryReader = new RepositoryReader(in);
    for (String repo : repositoryNames) {
      RepositorySpec spec = repositoryReader.read(repo, child("/repositories", repo));
      if (spec != null) repositories.put(repo, spec);
    }

    Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    ClusterReader clusterReader = new ClusterReader(in, repositoryNames, repositories);
    Map<List<String>, String> folders = new HashMap<>();
    Set<String> used = new HashSet<>();
    boolean allResolved = true;
    for (String cluster : in.keys("/clusters")) {
      String at = child("/clusters", cluster);
      ClusterReader.Result result = clusterReader.read(cluster, at);
      if (result.spec() != null) clusters.put(cluster, result.spec());
      if (result.repository() == null) {
        allResolved = false;
        continue;
      }
      used.add(result.repository());
      if (result.path() != null) checkSharedFolder(folders, cluster, at, result);
    }
    // With a reference unresolved (a typo, say), "unused" would only repeat the same problem.
    for (String repo : allResolved ? repositoryNames : List.<String>of()) {
      if (!used.contains(repo)) in.warningAtKey(child("/repositories", repo), "repository '" + repo + "' is not used by any cluster");
    }
    if (in.hasErrors()) return null;
    return new Spec(file.toAbsolutePath().normalize(), text, name, stateFile, repositories, clusters, state);
  }

  /** Two clusters syncing one folder would overwrite each other's Flux manifests. */
  private void checkSharedFolder(Map<List<String>, String> folders, String cluster, String at, ClusterReader.Result result) {
    String first = folders.putIfAbsent(List.of(result.repository(), result.path()), cluster);
    if (first == null) return;
    String where = result.path().isEmpty() ? "the repository root" : "'" + SpecLimits.shown(result.path()) + "'";
    String pointAt = in.has(child(at, "path")) ? child(at, "path") : child(at, "repository");
    in.error(pointAt, "cluster '" + cluster + "' uses the same repository and path as cluster '" + first + "' (" + where + ")");
  }

  /** The file's base name without extension, when it is a valid spec name. */
  private String nameFromFile(Path file) {
    String base = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = base.lastIndexOf('.');
    String name = dot > 0 ? base.substring(0, dot) : base;
    if (!name.matches(NAME_PATTERN)) {
      in.errorAtKey("", "the file name '" + name + "' is not a valid spec name; set 'name' (lower-case letters, digits, '-', '_' and '.')");
    }
    return name;
  }
}
