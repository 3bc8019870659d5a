package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects of a multi-document YAML stream, in the order they are applied: CustomResourceDefinitions
 * and Namespaces first (so the kinds and namespaces the rest need exist), then everything else in
 * file order. Empty documents and comment-only documents are skipped.
 */
record ManifestBundle(List<HasMetadata> first, List<HasMetadata> rest) {
  private static final Set<String> FIRST_KINDS = Set.of("CustomResourceDefinition", "Namespace");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  ManifestBundle {
    first = List.copyOf(first);
    rest = List.copyOf(rest);
  }

  static ManifestBundle parse(String yaml, KubernetesSerialization serialization) {
    return Documents.parse(yaml).objects(serialization);
  }

  /**
   * The documents of a stream, checked and as JSON: the YAML parse, done once per run for a bundle
   * that many clusters apply (each cluster's client then makes its own objects from the JSON).
   */
  record Documents(List<Document> documents) {
    Documents {
      documents = List.copyOf(documents);
    }

    record Document(int index, String kind, String json) {}

    static Documents parse(String yaml) {
      List<Document> out = new ArrayList<>();
      int index = 0;
      try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          index++;
          if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
            continue;
          }
          String kind = doc.path("kind").asString("");
          if (!doc.isObject() || kind.isEmpty() || doc.path("apiVersion").asString("").isEmpty()
              || doc.path("metadata").path("name").asString("").isEmpty()) {
            throw new KubeFailure("manifest document " + index + " is not a Kubernetes object"
                + " (it needs apiVersion, kind and metadata.name)");
          }
          out.add(new Document(index, kind, doc.toString()));
        }
      } catch (JacksonException e) {
        throw new KubeFailure("the manifests are not valid YAML (document " + (index + 1) + ", line "
            + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
      }
      return new Documents(out);
    }

    /** Fresh objects (never shared between clients), CRDs and Namespaces first. */
    ManifestBundle objects(KubernetesSerialization serialization) {
      List<HasMetadata> first = new ArrayList<>();
      List<HasMetadata> rest = new ArrayList<>();
      for (Document d : documents) {
        Object object = serialization.unmarshal(d.json());
        if (!(object instanceof HasMetadata resource)) {
          throw new KubeFailure("manifest document " + d.index() + " is a " + d.kind() + ", not an object to apply");
        }
        (FIRST_KINDS.contains(d.kind()) ? first : rest).add(resource);
      }
      return new ManifestBundle(first, rest);
    }
  }

  int size() {
    return first.size() + rest.size();
  }

  List<CustomResourceDefinition> crds() {
    return first.stream().filter(CustomResourceDefinition.class::isInstance)
        .map(CustomResourceDefinition.class::cast).toList();
  }
}
