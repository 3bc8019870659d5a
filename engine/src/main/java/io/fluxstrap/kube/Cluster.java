package io.fluxstrap.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's view of one Kubernetes cluster, in plain types. Writes are server-side apply with
 * field manager {@link #FIELD_MANAGER} (idempotent: applying the same object twice changes
 * nothing). Failures are {@link KubeFailure}s naming the object and never holding secret data.
 */
public interface Cluster extends AutoCloseable {
  String FIELD_MANAGER = "flux";

  /** Who this cluster is: the uid of namespace kube-system, and the API server URL. */
  ClusterIdentity identity();

  boolean namespaceExists(String namespace);

  /** Server-side applies a Namespace. */
  void applyNamespace(String namespace);

  /** The Secret's decoded data, whether the server returns {@code data} (base64) or {@code stringData}. */
  Optional<SecretData> readSecret(String namespace, String name);

  /** Server-side applies an Opaque Secret holding exactly {@code data}. */
  void applySecret(String namespace, String name, Map<String, byte[]> data);

  /**
   * Server-side applies every object of a multi-document YAML stream: CustomResourceDefinitions and
   * Namespaces first (waiting until the CRDs are established), then the rest in file order.
   * Returns how many objects were applied.
   */
  int applyManifests(String yaml, ApplyListener listener);

  /** An object as the server returns it (generic maps), or empty. */
  Optional<Map<String, Object>> get(String apiVersion, String kind, String namespace, String name);

  /** Status of Deployments in a namespace, by name (only those asked for; missing ones absent). */
  Map<String, DeploymentStatus> deployments(String namespace, List<String> names);

  /**
   * Whether the current user may do {@code verb} on {@code resource} in {@code group} (empty = all
   * namespaces when {@code namespace} is null), via a SelfSubjectAccessReview. Empty when the
   * server gave no answer.
   */
  Optional<Boolean> canI(String verb, String group, String resource, String namespace);

  /** Objects of {@code kind} labelled {@code labelSelector} (null: all) in {@code namespace} (null: all namespaces, or cluster-scoped). */
  List<ObjectRef> list(String apiVersion, String kind, String namespace, String labelSelector);

  /** A JSON merge patch of one object; false when it does not exist (or its kind is not served). */
  boolean mergePatch(String apiVersion, String kind, String namespace, String name, String patchJson);

  /** Deletes one object (background propagation); false when it was already gone. Idempotent. */
  boolean delete(String apiVersion, String kind, String namespace, String name);

  /** Whether the object exists now (a deleted one may linger while it terminates). */
  boolean exists(String apiVersion, String kind, String namespace, String name);

  @Override
  void close();

  /** Progress while applying many objects. */
  interface ApplyListener {
    void applied(String kind, String name, int done, int total);

    ApplyListener NONE = (k, n, d, t) -> {};
  }
}
