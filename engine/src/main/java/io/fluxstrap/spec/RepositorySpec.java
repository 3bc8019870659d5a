package io.fluxstrap.spec;

import java.nio.file.Path;

/**
 * A Git repository clusters sync from. {@code url} is normalised (Azure DevOps user part dropped,
 * scp-like SSH rewritten to {@code ssh://}). {@code caFile} may be null.
 */
public record RepositorySpec(
    String name, String url, String branch, Author author, GitAuth auth, boolean allowInsecureHttp, Path caFile) {
  public RepositorySpec {
    if (name == null || url == null || branch == null || author == null || auth == null) {
      throw new IllegalArgumentException("repository fields required");
    }
  }

  public String address() {
    return "repository." + name;
  }
}
