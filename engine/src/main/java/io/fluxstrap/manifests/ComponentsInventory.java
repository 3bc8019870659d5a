package io.fluxstrap.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What an upgrade diff needs from a gotk-components.yaml, and nothing more: its objects
 * ({@code Kind namespace/name}), the container images of its Deployments, and the versions its
 * CustomResourceDefinitions serve and store. Small, so a refresh can keep one per cluster.
 *
 * @param objects {@code Kind name} or {@code Kind namespace/name}, in file order
 * @param images container -> image; the container is named by its Deployment (Flux's have one
 *     container, "manager"), or {@code deployment/container} when a Deployment has several
 * @param crds CRD name -> its versions
 */
public record ComponentsInventory(List<String> objects, Map<String, String> images, Map<String, CrdVersions> crds) {
  /** A CRD's {@code spec.versions}: those served, and the one stored (null when none says storage). */
  public record CrdVersions(List<String> served, String storage, List<String> all) {
    public CrdVersions {
      served = List.copyOf(served);
      all = List.copyOf(all);
    }
  }

  public ComponentsInventory {
    objects = List.copyOf(objects);
    images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
    crds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(crds));
  }

  /** The inventory of a multi-document YAML file; {@code source} names it in errors. */
  public static ComponentsInventory of(String yaml, String source) {
    List<String> objects = new ArrayList<>();
    Map<String, String> images = new LinkedHashMap<>();
    Map<String, CrdVersions> crds = new LinkedHashMap<>();
    for (ManifestObject o : ManifestObjects.split(yaml, source)) {
      objects.add(o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name());
      if (o.kind().equals("Deployment")) {
        JsonNode containers = o.tree().path("spec").path("template").path("spec").path("containers");
        for (JsonNode c : containers) {
          String key = containers.size() == 1 ? o.name() : o.name() + "/" + c.path("name").asString("");
          images.put(key, c.path("image").asString(""));
        }
      } else if (o.kind().equals("CustomResourceDefinition")) {
        List<String> served = new ArrayList<>();
        List<String> all = new ArrayList<>();
        String storage = null;
        for (JsonNode v : o.tree().path("spec").path("versions")) {
          String name = v.path("name").asString("");
          all.add(name);
          if (v.path("served").asBoolean(false)) served.add(name);
          if (v.path("storage").asBoolean(false)) storage = name;
        }
        crds.put(o.name(), new CrdVersions(served, storage, all));
      }
    }
    return new ComponentsInventory(objects, images, crds);
  }
}
