package io.fluxstrap.state;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few Kubernetes API calls the kubernetes state backend makes, in one namespace: Secrets and
 * {@code coordination.k8s.io/v1} Leases, each replaced only at the {@code resourceVersion} it was
 * read at. The state package owns this interface; {@code kube/} implements it with fabric8.
 */
public interface KubeStateApi extends AutoCloseable {
  /** A Secret as stored; {@code resourceVersion} is null for one not yet created. */
  record StoredSecret(String name, Map<String, String> labels, Map<String, String> annotations, Map<String, byte[]> data,
      String resourceVersion) {
    public StoredSecret {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
      data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
  }

  /** A Lease as stored: who holds it, since when, last renewed when, for how long. */
  record StoredLease(String name, Map<String, String> labels, Map<String, String> annotations, String holder, Instant acquired,
      Instant renewed, int durationSeconds, String resourceVersion) {
    public StoredLease {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
  }

  /** Another writer changed or created the object first (HTTP 409). */
  final class Conflict extends RuntimeException {
    public Conflict(String message) {
      super(message);
    }
  }

  Optional<StoredSecret> secret(String name);

  /** Creates {@code s}; {@link Conflict} when it exists. */
  StoredSecret createSecret(StoredSecret s);

  /** Replaces {@code s} if it is still at {@code s.resourceVersion()}; else {@link Conflict}. */
  StoredSecret replaceSecret(StoredSecret s);

  /** Deletes the Secret; absent is fine. */
  void deleteSecret(String name);

  /** Names of the Secrets carrying all of {@code labels}. */
  List<String> secretNames(Map<String, String> labels);

  Optional<StoredLease> lease(String name);

  StoredLease createLease(StoredLease l);

  StoredLease replaceLease(StoredLease l);

  /** Deletes the Lease if it is still at {@code resourceVersion}; else {@link Conflict}. */
  void deleteLease(String name, String resourceVersion);

  /** For messages: the API server and namespace. */
  String describe();

  @Override
  void close();
}
