package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * A manifest stream ready to apply to any number of clusters: parsed, turned into objects and each
 * object's server-side apply body serialised once per run (the body fabric8 would send for it, see
 * {@code ServerSideApplyTest}), so applying the same bundle to a fleet costs one serialisation, not
 * one per cluster. The objects are shared between clusters and only ever read.
 */
record PreparedBundle(List<Entry> first, List<Entry> rest) {
  PreparedBundle {
    first = List.copyOf(first);
    rest = List.copyOf(rest);
  }

  /**
   * One object and its apply body. {@code plural} and {@code namespaced} come from fabric8's model
   * for built-in kinds; for custom kinds ({@code plural} null) discovery answers them.
   */
  record Entry(HasMetadata object, String body, String plural, boolean namespaced) {
    String kind() {
      return object.getKind();
    }

    String name() {
      return object.getMetadata().getName();
    }

    String namespace() {
      String ns = object.getMetadata().getNamespace();
      return ns == null || ns.isEmpty() ? null : ns;
    }

    String describe() {
      return kind() + " " + (namespace() == null ? "" : namespace() + "/") + name();
    }
  }

  static PreparedBundle of(ManifestBundle.Documents documents, KubernetesSerialization serialization) {
    ManifestBundle objects = documents.objects(serialization);
    return new PreparedBundle(entries(objects.first(), serialization), entries(objects.rest(), serialization));
  }

  private static List<Entry> entries(List<HasMetadata> objects, KubernetesSerialization serialization) {
    return objects.stream().map(o -> o instanceof GenericKubernetesResource
        ? new Entry(o, serialization.asJson(o), null, false)
        : new Entry(o, serialization.asJson(o), HasMetadata.getPlural(o.getClass()), o instanceof Namespaced)).toList();
  }

  int size() {
    return first.size() + rest.size();
  }

  List<CustomResourceDefinition> crds() {
    return first.stream().map(Entry::object).filter(CustomResourceDefinition.class::isInstance)
        .map(CustomResourceDefinition.class::cast).toList();
  }
}
