package io.fluxstrap.spec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated spec: what the user wants. Maps keep the file's order. {@code sourceText} is the file
 * as read (a spec never holds a secret, so a saved plan may embed it).
 */
public record Spec(
    Path file,
    String sourceText,
    String name,
    Path stateFile,
    Map<String, RepositorySpec> repositories,
    Map<String, ClusterSpec> clusters) {
  public Spec {
    repositories = Collections.unmodifiableMap(new LinkedHashMap<>(repositories));
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
  }

  public RepositorySpec repositoryOf(ClusterSpec cluster) {
    return repositories.get(cluster.repository());
  }
}
