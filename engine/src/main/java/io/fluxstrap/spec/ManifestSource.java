package io.fluxstrap.spec;

import java.net.URI;
import java.nio.file.Path;

/** Where a Flux release's {@code install.yaml} comes from. */
public sealed interface ManifestSource {
  /** A local file (resolved against the spec's folder); {@code sha256} optional (null). */
  record File(Path path, String sha256) implements ManifestSource {}

  /** A URL, downloaded once and cached; {@code sha256} is required and verified. */
  record Url(URI url, String sha256) implements ManifestSource {}
}
