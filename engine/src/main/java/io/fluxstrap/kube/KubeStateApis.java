package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.KubeStateApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kubernetes state backend's API calls through fabric8: plain create / replace-at-version /
 * delete (never server-side apply, whose force would defeat the optimistic concurrency).
 */
public final class KubeStateApis implements KubeStateApi {
  private static final int TIMEOUT_MS = 30_000;
  private final KubernetesClient client;
  private final String namespace;

  private KubeStateApis(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * The API of {@code context} in {@code kubeconfig} (null: KUBECONFIG or ~/.kube/config, and
   * in-cluster service account credentials when there is no kubeconfig at all).
   */
  public static KubeStateApi open(Map<String, String> env, Path kubeconfig, String context, String namespace) {
    Config config;
    List<Path> files = kubeconfig != null ? List.of(kubeconfig) : KubeconfigFile.defaultFiles(env);
    if (kubeconfig == null && files.stream().noneMatch(Files::isRegularFile)) {
      config = Config.autoConfigure(context); // in-cluster, e.g. a pipeline agent running as a pod
    } else {
      KubeconfigFile file = KubeconfigFile.read(files);
      String chosen = file.choose(context);
      try {
        config = file.files().size() == 1
            ? Config.fromKubeconfig(chosen, file.files().get(0).toFile())
            : Config.fromKubeconfig(chosen, file.yaml(), null);
      } catch (RuntimeException e) {
        throw new UserException("cannot use context '" + chosen + "' of kubeconfig " + file.describe() + " for state: " + e.getMessage());
      }
    }
    config.setRequestTimeout(TIMEOUT_MS);
    config.setConnectionTimeout(TIMEOUT_MS);
    config.setRequestRetryBackoffLimit(2);
    return new KubeStateApis(new KubernetesClientBuilder().withConfig(config).build(), namespace);
  }

  /** For tests: the API at {@code url} without credentials (the mock server). */
  public static KubeStateApi at(String url, String namespace) {
    Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestRetryBackoffLimit(0).build();
    return new KubeStateApis(new KubernetesClientBuilder().withConfig(config).build(), namespace);
  }

  @Override
  public String describe() {
    return "namespace " + namespace + " on " + client.getMasterUrl();
  }

  @Override
  public Optional<StoredSecret> secret(String name) {
    Secret s = call("read", "Secret " + name, () -> client.secrets().inNamespace(namespace).withName(name).get());
    return Optional.ofNullable(s).map(KubeStateApis::stored);
  }

  @Override
  public StoredSecret createSecret(StoredSecret s) {
    return stored(call("create", "Secret " + s.name(), () -> client.secrets().inNamespace(namespace).resource(secret(s, null)).create()));
  }

  @Override
  public StoredSecret replaceSecret(StoredSecret s) {
    return stored(call("replace", "Secret " + s.name(),
        () -> client.secrets().inNamespace(namespace).resource(secret(s, s.resourceVersion())).update()));
  }

  @Override
  public void deleteSecret(String name) {
    call("delete", "Secret " + name, () -> client.secrets().inNamespace(namespace).withName(name).delete());
  }

  @Override
  public List<String> secretNames(Map<String, String> labels) {
    return call("list", "Secrets", () -> client.secrets().inNamespace(namespace).withLabels(labels).list().getItems().stream()
        .map(s -> s.getMetadata().getName()).sorted().toList());
  }

  @Override
  public Optional<StoredLease> lease(String name) {
    Lease l = call("read", "Lease " + name, () -> client.leases().inNamespace(namespace).withName(name).get());
    return Optional.ofNullable(l).map(KubeStateApis::stored);
  }

  @Override
  public StoredLease createLease(StoredLease l) {
    return stored(call("create", "Lease " + l.name(), () -> client.leases().inNamespace(namespace).resource(lease(l, null)).create()));
  }

  @Override
  public StoredLease replaceLease(StoredLease l) {
    return stored(call("replace", "Lease " + l.name(), () -> client.leases().inNamespace(namespace).resource(lease(l, l.resourceVersion())).update()));
  }

  @Override
  public void deleteLease(String name, String resourceVersion) {
    // Delete at a version: a Lease taken over by another run since it was read stays.
    call("delete", "Lease " + name, () -> client.leases().inNamespace(namespace).withName(name).lockResourceVersion(resourceVersion).delete());
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T call(String action, String object, Supplier<T> work) {
    try {
      return work.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) throw new Conflict(action + " " + object + " in " + describe() + ": changed by another writer");
      throw failure(e, action, object);
    } catch (UserException | Conflict e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(e, action, object);
    }
  }

  private UserException failure(RuntimeException e, String action, String object) {
    return new UserException(KubeErrors.translate(e, client.getMasterUrl().toString(), action + " state", object + " in namespace " + namespace,
        List.of()).getMessage());
  }

  private ObjectMeta meta(String name, Map<String, String> labels, Map<String, String> annotations, String resourceVersion) {
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).withAnnotations(annotations)
        .withResourceVersion(resourceVersion).build();
  }

  private Secret secret(StoredSecret s, String resourceVersion) {
    Map<String, String> data = new LinkedHashMap<>();
    s.data().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v)));
    return new SecretBuilder().withMetadata(meta(s.name(), s.labels(), s.annotations(), resourceVersion)).withType("Opaque").withData(data).build();
  }

  private static StoredSecret stored(Secret s) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (s.getData() != null) s.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    // The mock API keeps stringData as sent; a real server folds it into data.
    if (s.getStringData() != null) s.getStringData().forEach((k, v) -> data.putIfAbsent(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    ObjectMeta m = s.getMetadata();
    return new StoredSecret(m.getName(), orEmpty(m.getLabels()), orEmpty(m.getAnnotations()), data, m.getResourceVersion());
  }

  private Lease lease(StoredLease l, String resourceVersion) {
    LeaseSpec spec = new LeaseSpec();
    spec.setHolderIdentity(l.holder());
    spec.setLeaseDurationSeconds(l.durationSeconds());
    spec.setAcquireTime(time(l.acquired()));
    spec.setRenewTime(time(l.renewed()));
    return new LeaseBuilder().withMetadata(meta(l.name(), l.labels(), l.annotations(), resourceVersion)).withSpec(spec).build();
  }

  private static StoredLease stored(Lease l) {
    LeaseSpec s = l.getSpec() == null ? new LeaseSpec() : l.getSpec();
    ObjectMeta m = l.getMetadata();
    return new StoredLease(m.getName(), orEmpty(m.getLabels()), orEmpty(m.getAnnotations()), s.getHolderIdentity(),
        s.getAcquireTime() == null ? null : s.getAcquireTime().toInstant(), s.getRenewTime() == null ? null : s.getRenewTime().toInstant(),
        s.getLeaseDurationSeconds() == null ? 0 : s.getLeaseDurationSeconds(), m.getResourceVersion());
  }

  private static ZonedDateTime time(Instant i) {
    return i == null ? null : i.atZone(ZoneOffset.UTC);
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
