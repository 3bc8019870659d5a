package io.fluxstrap.manifests;

import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a render's inputs back from its output, to check that re-rendering settles. */
final class RenderedInputs {
  private RenderedInputs() {}

  static RenderInput recover(List<RenderedFile> files, String fluxDir) {
    String components = files.get(0).content();
    String version = headerValue(components, "# Flux Version: ");
    List<String> selected = Arrays.asList(headerValue(components, "# Components: ").split(","));
    List<ManifestObject> sync = ManifestObjects.split(files.get(1).content(), "sync");
    JsonNode git = sync.get(0).tree();
    JsonNode ks = sync.get(1).tree();
    return new RenderInput(fluxDir, ks.path("spec").path("path").asString(),
        git.path("metadata").path("namespace").asString(), git.path("spec").path("secretRef").path("name").asString(),
        git.path("spec").path("url").asString(), git.path("spec").path("ref").path("branch").asString(),
        git.path("spec").path("interval").asString(), version, selected, components);
  }

  private static String headerValue(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
  }
}
