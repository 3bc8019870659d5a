package io.fluxstrap.spec;

import java.net.URI;
import java.nio.file.Path;

/** Where a Flux release's {@code install.yaml} (or a gotk-components.yaml with Flux's header) comes from. */
public sealed interface ManifestSource {
  /** A local file (resolved against the spec's folder); {@code sha256} optional (null). */
  record File(Path path, String sha256) implements ManifestSource {}

  /**
   * A URL, downloaded once, verified and cached. Verified against {@code sha256} when given (it
   * wins), else against the entry for the URL's file name in the release's checksums file at
   * {@code checksums} ({@code flux_<version without v>_checksums.txt} next to it).
   */
  record Url(URI url, String sha256, URI checksums) implements ManifestSource {
    public Url(URI url, String sha256) {
      this(url, sha256, null);
    }
  }
}
