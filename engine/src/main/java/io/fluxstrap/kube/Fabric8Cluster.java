package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link Cluster} on fabric8's client. Every write is a server-side apply by field manager
 * {@value Cluster#FIELD_MANAGER} with forced conflicts, so re-applying the same object changes
 * nothing. Failures become {@link KubeFailure}s via {@link KubeErrors}.
 */
public final class Fabric8Cluster implements Cluster {
  /**
   * How to treat the server. {@code crdsWithoutStatusAreEstablished} is for API stand-ins that
   * never set a CRD's status (fabric8's mock): there a CRD with no status at all counts as
   * established. A real API server always sets it, so this is off for real clusters.
   */
  public record Options(Duration crdEstablishedTimeout, boolean crdsWithoutStatusAreEstablished) {
    public static Options realCluster() {
      return new Options(Duration.ofMinutes(2), false);
    }
  }

  private final KubernetesClient client;
  private final Options options;
  private final Runnable onClose;
  private final String server;
  private final SharedClients shared;

  Fabric8Cluster(KubernetesClient client, Options options, Runnable onClose) {
    this(client, options, onClose, new SharedClients());
  }

  /** {@code shared}: the run's caches (parsed manifests, discovery), shared with its other clusters. */
  Fabric8Cluster(KubernetesClient client, Options options, Runnable onClose, SharedClients shared) {
    this.client = client;
    this.options = options;
    this.onClose = onClose;
    this.shared = shared;
    String url = client.getMasterUrl().toString();
    this.server = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A cluster at {@code masterUrl} with no credentials (a local stand-in such as the sandbox). */
  public static Fabric8Cluster at(String masterUrl, Options options, Runnable onClose) {
    return new Fabric8Cluster(new KubernetesClientBuilder().withConfig(localConfig(masterUrl)).build(), options, onClose);
  }

  /** The same, on the run's shared HTTP client factory. */
  static Fabric8Cluster at(String masterUrl, Options options, Runnable onClose, SharedClients shared) {
    return new Fabric8Cluster(shared.client(localConfig(masterUrl)), options, onClose, shared);
  }

  private static Config localConfig(String masterUrl) {
    return new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).withNamespace("default")
        .withRequestRetryBackoffLimit(0).withConnectionTimeout(DefaultClusterConnector.CONNECT_TIMEOUT_MS)
        .withRequestTimeout(DefaultClusterConnector.REQUEST_TIMEOUT_MS).build();
  }

  @Override
  public ClusterIdentity identity() {
    Namespace ns = call("read", "Namespace kube-system", () -> client.namespaces().withName("kube-system").get());
    if (ns == null || ns.getMetadata().getUid() == null) {
      throw new KubeFailure("Namespace kube-system not found on " + server
          + ": cannot tell which cluster this is (is the kubeconfig pointing at a Kubernetes API server?)");
    }
    return new ClusterIdentity(ns.getMetadata().getUid(), server);
  }

  @Override
  public boolean namespaceExists(String namespace) {
    return call("read", "Namespace " + namespace, () -> client.namespaces().withName(namespace).get()) != null;
  }

  @Override
  public void applyNamespace(String namespace) {
    Namespace ns = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
    call("apply", "Namespace " + namespace, () -> apply(ns));
  }

  @Override
  public Optional<SecretData> readSecret(String namespace, String name) {
    String what = "Secret " + namespace + "/" + name;
    Secret secret = call("read", what, () -> client.secrets().inNamespace(namespace).withName(name).get());
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> data.put(key, decode(value, what, key)));
    }
    if (secret.getStringData() != null) {
      // a real server folds stringData into data (stringData wins); fabric8's mock stores it as sent
      secret.getStringData().forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.of(new SecretData(secret.getType() == null ? "Opaque" : secret.getType(), data));
  }

  private static byte[] decode(String value, String what, String key) {
    try {
      return Base64.getDecoder().decode(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new KubeFailure(what + " has key '" + key + "' whose value is not base64");
    }
  }

  @Override
  public void applySecret(String namespace, String name, Map<String, byte[]> data) {
    String what = "Secret " + namespace + "/" + name;
    Map<String, String> encoded = new TreeMap<>();
    data.forEach((key, value) -> encoded.put(key, Base64.getEncoder().encodeToString(value)));
    Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withType("Opaque").withData(encoded).build();
    Collection<byte[]> values = data.values();
    Secret live = call("apply", what, values, () -> apply(secret));
    // Apply keeps keys other managers own; the Secret must hold exactly the given keys.
    List<String> removals = new ArrayList<>();
    if (live.getData() != null) {
      live.getData().keySet().stream().filter(k -> !data.containsKey(k)).sorted()
          .forEach(k -> removals.add("{\"op\":\"remove\",\"path\":\"/data/" + pointer(k) + "\"}"));
    }
    if (live.getStringData() != null && !live.getStringData().isEmpty()) {
      removals.add("{\"op\":\"remove\",\"path\":\"/stringData\"}");
    }
    if (!removals.isEmpty()) {
      // a JSON patch is not idempotent (a repeated remove fails): sent once; the next apply recomputes it
      KubeErrors.callOnce(server, "remove stale keys from", what, values, () -> client.secrets().inNamespace(namespace).withName(name)
          .patch(PatchContext.of(PatchType.JSON), "[" + String.join(",", removals) + "]"));
    }
  }

  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1").replace("\"", "\\\"");
  }

  @Override
  public int applyManifests(String yaml, ApplyListener listener) {
    PreparedBundle bundle = shared.prepared(yaml, client.getKubernetesSerialization());
    CrdReadiness discovery = discovery();
    ServerSideApply ssa = new ServerSideApply(client, server, discovery);
    int total = bundle.size();
    int done = 0;
    for (PreparedBundle.Entry e : bundle.first()) {
      ssa.apply(e);
      listener.applied(e.kind(), e.name(), ++done, total);
    }
    discovery.awaitEstablished(bundle.crds());
    for (PreparedBundle.Entry e : bundle.rest()) {
      ssa.apply(e);
      listener.applied(e.kind(), e.name(), ++done, total);
    }
    return total;
  }

  private CrdReadiness discovery() {
    return new CrdReadiness(client, server, options, shared.servedKinds(server));
  }

  private <T extends HasMetadata> T apply(T object) {
    return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  @Override
  public Optional<Map<String, Object>> get(String apiVersion, String kind, String namespace, String name) {
    String what = kind + " " + (namespace == null ? "" : namespace + "/") + name;
    CrdReadiness discovery = discovery();
    if (!discovery.kindServed(apiVersion, kind)) {
      return Optional.empty(); // the kind does not exist (yet), so neither does the object
    }
    // custom kinds through what discovery already said (fabric8 would ask it again)
    var context = apiVersion.contains("/") ? discovery.context(apiVersion, kind) : Optional.<ResourceDefinitionContext>empty();
    GenericKubernetesResource object = call("read", what, () -> {
      var resources = context.isPresent() ? client.genericKubernetesResources(context.get())
          : client.genericKubernetesResources(apiVersion, kind);
      return (namespace == null ? resources.withName(name) : resources.inNamespace(namespace).withName(name)).get();
    });
    if (object == null) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = client.getKubernetesSerialization().convertValue(object, LinkedHashMap.class);
    return Optional.of(map);
  }

  @Override
  public Map<String, DeploymentStatus> deployments(String namespace, List<String> names) {
    List<Deployment> live = call("list", "Deployments in namespace " + namespace,
        () -> client.apps().deployments().inNamespace(namespace).list().getItems());
    Map<String, DeploymentStatus> result = new LinkedHashMap<>();
    for (String name : names) {
      live.stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst()
          .ifPresent(d -> result.put(name, status(d)));
    }
    return result;
  }

  private static DeploymentStatus status(Deployment d) {
    List<DeploymentCondition> conditions = d.getStatus() == null || d.getStatus().getConditions() == null
        ? List.of() : d.getStatus().getConditions();
    String version = d.getMetadata().getLabels() == null ? null : d.getMetadata().getLabels().get("app.kubernetes.io/version");
    return conditions.stream().filter(c -> "Available".equals(c.getType())).findFirst()
        .map(c -> new DeploymentStatus(d.getMetadata().getName(), "True".equals(c.getStatus()),
            c.getMessage() == null ? "" : c.getMessage(), version))
        .orElse(new DeploymentStatus(d.getMetadata().getName(), false, "no Available condition yet", version));
  }

  @Override
  public Optional<Boolean> canI(String verb, String group, String resource, String namespace) {
    SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
        .withVerb(verb).withGroup(group).withResource(resource).withNamespace(namespace)
        .endResourceAttributes().endSpec().build();
    SelfSubjectAccessReview answer = call("create", "SelfSubjectAccessReview for " + verb + " " + resource,
        () -> client.authorization().v1().selfSubjectAccessReview().create(review));
    if (answer == null || answer.getStatus() == null || answer.getStatus().getAllowed() == null) {
      return Optional.empty();
    }
    return Optional.of(answer.getStatus().getAllowed());
  }

  @Override
  public List<ObjectRef> list(String apiVersion, String kind, String namespace, String labelSelector) {
    return objects().list(apiVersion, kind, namespace, labelSelector);
  }

  @Override
  public boolean mergePatch(String apiVersion, String kind, String namespace, String name, String patchJson) {
    return objects().mergePatch(apiVersion, kind, namespace, name, patchJson);
  }

  @Override
  public boolean delete(String apiVersion, String kind, String namespace, String name) {
    return objects().delete(apiVersion, kind, namespace, name);
  }

  @Override
  public boolean exists(String apiVersion, String kind, String namespace, String name) {
    return objects().exists(apiVersion, kind, namespace, name);
  }

  private Fabric8Objects objects;

  private synchronized Fabric8Objects objects() {
    if (objects == null) objects = new Fabric8Objects(client, server, discovery());
    return objects;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      onClose.run();
    }
  }

  private <T> T call(String action, String object, Supplier<T> work) {
    return KubeErrors.call(server, action, object, work);
  }

  private <T> T call(String action, String object, Collection<byte[]> secrets, Supplier<T> work) {
    return KubeErrors.call(server, action, object, secrets, work);
  }
}
