package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether CustomResourceDefinitions are established, and whether a kind is served. */
final class CrdReadiness {
  private static final Duration POLL = Duration.ofMillis(200);

  private final KubernetesClient client;
  private final String server;
  private final Fabric8Cluster.Options options;
  /** apiVersion -> kind -> how discovery said it is served: a kind, once served, stays so for the run. */
  private final Map<String, Map<String, Served>> served;

  /** A kind's resource as discovery names it: its plural (the URL segment) and whether it lives in namespaces. */
  record Served(String plural, boolean namespaced) {}

  CrdReadiness(KubernetesClient client, String server, Fabric8Cluster.Options options, Map<String, Map<String, Served>> served) {
    this.client = client;
    this.server = server;
    this.options = options;
    this.served = served;
  }

  /**
   * Waits until every CRD has condition Established=True (or, when the options say the server never
   * sets CRD status, has no status at all) and discovery serves its kind, so the custom resources
   * that follow can be applied; at most the configured timeout.
   */
  void awaitEstablished(List<CustomResourceDefinition> crds) {
    Instant deadline = Instant.now().plus(options.crdEstablishedTimeout());
    awaitConditions(crds.stream().map(c -> c.getMetadata().getName()).toList(), deadline);
    for (CustomResourceDefinition crd : crds) {
      String kind = crd.getSpec().getNames().getKind();
      for (var version : crd.getSpec().getVersions()) {
        String apiVersion = crd.getSpec().getGroup() + "/" + version.getName();
        while (Boolean.TRUE.equals(version.getServed()) && !kindServed(apiVersion, kind)) {
          if (Instant.now().isAfter(deadline)) {
            throw new KubeFailure("CustomResourceDefinition " + crd.getMetadata().getName() + " is Established"
                + " but " + server + " does not serve " + kind + " in " + apiVersion + " after "
                + options.crdEstablishedTimeout().toSeconds() + "s");
          }
          sleep();
        }
      }
    }
  }

  private void awaitConditions(List<String> names, Instant deadline) {
    List<String> waiting = new ArrayList<>(names);
    String lastState = "";
    while (!waiting.isEmpty()) {
      String name = waiting.get(0);
      CustomResourceDefinition crd = KubeErrors.call(server, "read", "CustomResourceDefinition " + name,
          () -> client.apiextensions().v1().customResourceDefinitions().withName(name).get());
      List<CustomResourceDefinitionCondition> conditions =
          crd == null || crd.getStatus() == null ? null : crd.getStatus().getConditions();
      if (crd != null && isEstablished(conditions)) {
        waiting.remove(0);
        continue;
      }
      if (crd != null && options.crdsWithoutStatusAreEstablished() && (conditions == null || conditions.isEmpty())) {
        waiting.remove(0);
        continue;
      }
      lastState = crd == null ? "it does not exist" : describe(conditions);
      if (Instant.now().isAfter(deadline)) {
        throw new KubeFailure("CustomResourceDefinition " + name + " is not Established on " + server + " after "
            + options.crdEstablishedTimeout().toSeconds() + "s: " + lastState);
      }
      sleep();
    }
  }

  private static boolean isEstablished(List<CustomResourceDefinitionCondition> conditions) {
    return conditions != null && conditions.stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String describe(List<CustomResourceDefinitionCondition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return "it has no status conditions yet";
    }
    return conditions.stream().map(c -> c.getType() + "=" + c.getStatus()
        + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")).reduce((a, b) -> a + ", " + b).orElse("");
  }

  /** Whether the server serves {@code kind} in {@code apiVersion}; core kinds always are. */
  boolean kindServed(String apiVersion, String kind) {
    return !apiVersion.contains("/") || resource(apiVersion, kind).isPresent();
  }

  /**
   * How {@code kind} of group version {@code apiVersion} is served, asking discovery unless this run
   * already saw it served; empty when it is not (yet). Only for group versions (not core {@code v1}).
   */
  Optional<Served> resource(String apiVersion, String kind) {
    Map<String, Served> known = served.get(apiVersion);
    if (known != null && known.containsKey(kind)) {
      return Optional.of(known.get(kind));
    }
    APIResourceList resources = KubeErrors.call(server, "discover", "API group " + apiVersion,
        () -> client.getApiResources(apiVersion));
    if (resources == null || resources.getResources() == null) {
      return Optional.empty();
    }
    Map<String, Served> kinds = new HashMap<>();
    resources.getResources().stream().filter(r -> r.getName() != null && !r.getName().contains("/")) // not subresources
        .forEach(r -> kinds.putIfAbsent(r.getKind(), new Served(r.getName(), Boolean.TRUE.equals(r.getNamespaced()))));
    served.put(apiVersion, Map.copyOf(kinds));
    return Optional.ofNullable(kinds.get(kind));
  }

  /** What fabric8 needs to reach {@code kind} without asking discovery again; empty when it is not served. */
  Optional<ResourceDefinitionContext> context(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return resource(apiVersion, kind).map(r -> new ResourceDefinitionContext.Builder()
        .withGroup(apiVersion.substring(0, slash)).withVersion(apiVersion.substring(slash + 1)).withKind(kind)
        .withPlural(r.plural()).withNamespaced(r.namespaced()).build());
  }

  private void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeFailure("interrupted while waiting for CustomResourceDefinitions on " + server);
    }
  }
}
