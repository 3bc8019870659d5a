package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a cluster's {@code flux} block: defaults, component rules and where manifests come from. */
final class FluxReader {
  static final String DEFAULT_VERSION = "v2.9.5";
  static final List<String> REQUIRED_COMPONENTS = List.of("source-controller", "kustomize-controller");

  private final ReadContext in;

  FluxReader(ReadContext in) {
    this.in = in;
  }

  /** Where Flux publishes its release assets. */
  public static final String RELEASES = "https://github.com/fluxcd/flux2/releases/download/";

  /** Flux's release asset for {@code version}, used when a spec gives no file nor URL. */
  static URI releaseUrl(String version) {
    return URI.create(RELEASES + version + "/install.yaml");
  }

  /** The checksums file next to {@code asset}: {@code flux_<version without v>_checksums.txt}, as Flux's releases name it. */
  static URI checksumsUrl(URI asset, String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    return asset.resolve("flux_" + v + "_checksums.txt");
  }

  FluxSpec read(String at) {
    String version = in.text(child(at, "version"), DEFAULT_VERSION);
    List<String> components = in.texts(child(at, "components"), FluxSpec.DEFAULT_COMPONENTS);
    List<String> extra = in.texts(child(at, "componentsExtra"), List.of());
    checkComponents(at, components, extra);
    String interval = in.text(child(at, "interval"), FluxSpec.DEFAULT_INTERVAL);
    in.duration(child(at, "interval"), null);
    return new FluxSpec(
        version,
        components,
        extra,
        in.text(child(at, "namespace"), FluxSpec.DEFAULT_NAMESPACE),
        in.text(child(at, "secretName"), FluxSpec.DEFAULT_SECRET_NAME),
        interval,
        manifests(child(at, "manifests"), version));
  }

  private void checkComponents(String at, List<String> components, List<String> extra) {
    String componentsAt = child(at, "components");
    String extraAt = child(at, "componentsExtra");
    Set<String> seen = new HashSet<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < components.size() + extra.size(); i++) {
      boolean main = i < components.size();
      String item = main ? child(componentsAt, i) : child(extraAt, i - components.size());
      String name = main ? components.get(i) : extra.get(i - components.size());
      if (in.has(item) && !in.valid(item)) {
        unknown.add(name); // reported by the schema
      } else if (!seen.add(name)) {
        in.error(item, "duplicate component '" + name + "'");
      }
    }
    for (String required : REQUIRED_COMPONENTS) {
      // A misspelt required component is already reported, with "did you mean".
      boolean misspelt = unknown.stream().anyMatch(u -> Suggestions.closest(u, List.of(required)).isPresent());
      if (!seen.contains(required) && !misspelt) in.error(componentsAt, "components must include '" + required + "'");
    }
  }

  private ManifestSource manifests(String at, String version) {
    String fileAt = child(at, "file");
    String urlAt = child(at, "url");
    String sha256 = in.text(child(at, "sha256"), null);
    String file = in.text(fileAt, null);
    if (file != null) {
      Path path = in.path(fileAt, file);
      if (path != null && !Files.isRegularFile(path)) in.error(fileAt, "manifests file '" + SpecLimits.shown(file) + "' not found");
      return path == null ? null : new ManifestSource.File(path, sha256);
    }
    String url = in.text(urlAt, null);
    if (url != null) {
      URI uri = manifestUrl(urlAt, url);
      return uri == null ? null : new ManifestSource.Url(uri, sha256, checksumsUrl(uri, version));
    }
    URI release = releaseUrl(version);
    return new ManifestSource.Url(release, sha256, checksumsUrl(release, version));
  }

  private URI manifestUrl(String at, String raw) {
    try {
      URI uri = new URI(raw.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        in.error(at, "manifests url must be an https:// URL");
        return null;
      }
      if (uri.getRawUserInfo() != null) {
        in.error(at, "manifests url must not contain credentials");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      in.error(at, "invalid URL (" + e.getReason().toLowerCase(Locale.ROOT) + " at position " + (e.getIndex() + 1) + ")");
      return null;
    }
  }
}
