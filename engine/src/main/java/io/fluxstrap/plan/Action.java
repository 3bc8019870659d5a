package io.fluxstrap.plan;

import java.time.Duration;
import java.util.List;

/**
 * The typed steps of a plan. Each holds what the executor needs besides the spec and the
 * credentials; none holds a secret. Handled exhaustively by the executor and the views.
 */
public sealed interface Action {
  /** A file to write under a cluster's flux-system folder; hashes are {@code sha256:<hex>}, null when absent. */
  record FileChange(String path, String beforeHash, String afterHash) {}

  /** Render the Flux manifests for a cluster into its repository folder. */
  record RenderManifests(String cluster, String repository, List<FileChange> files) implements Action {
    public RenderManifests {
      files = List.copyOf(files);
    }
  }

  /** One commit on top of {@code baseHead} holding every rendered file of this repository. */
  record Commit(String repository, String branch, String baseHead, String message, List<String> paths)
      implements Action {
    public Commit {
      paths = List.copyOf(paths);
    }
  }

  /** Push the commit; never forced. {@code baseHead} null means the branch is created. */
  record Push(String repository, String branch, String baseHead) implements Action {}

  record CreateNamespace(String cluster, String namespace) implements Action {}

  /** Create or update Secret {@code name}; {@code fingerprint} is of the data to write. */
  record ApplySecret(String cluster, String namespace, String name, List<String> keys, String fingerprint)
      implements Action {
    public ApplySecret {
      keys = List.copyOf(keys);
    }
  }

  /** Server-side apply of gotk-components.yaml (CRDs and namespaces first). */
  record ApplyComponents(String cluster, String version, String sha256, int objects) implements Action {}

  /** Server-side apply of gotk-sync.yaml (GitRepository + Kustomization). */
  record ApplySync(String cluster, String sha256) implements Action {}

  /** Wait until the sync objects are Ready at the pushed revision and the controllers are available. */
  record WaitHealthy(String cluster, Duration timeout) implements Action {}
}
