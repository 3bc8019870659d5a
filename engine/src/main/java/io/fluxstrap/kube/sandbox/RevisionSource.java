package io.fluxstrap.kube.sandbox;

import java.util.Optional;

/**
 * Where the sandbox's simulated source-controller learns a branch head. The sandbox cannot run Git
 * itself (only the git package may), so the CLI passes one backed by its Git remote.
 */
@FunctionalInterface
public interface RevisionSource {
  /** The commit id at the head of {@code branch} of the repository at {@code url}, if known. */
  Optional<String> head(String url, String branch);

  RevisionSource NONE = (url, branch) -> Optional.empty();
}
