package io.fluxstrap.kube.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stand-ins for the controllers of a real cluster, so the sandbox's objects reach the states a
 * health check waits for. They are not Flux: nothing is cloned or deployed, and every condition
 * message starts with {@value #PREFIX} so no one mistakes them for real reconciliation.
 *
 * <p>Each method computes the status a controller would write; a condition keeps its
 * lastTransitionTime while its status is unchanged, so reconciling twice yields the same status.
 */
final class SimulatedControllers {
  static final String PREFIX = "sandbox: ";
  static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";
  static final String KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final RevisionSource revisions;
  private final Clock clock;

  SimulatedControllers(RevisionSource revisions, Clock clock) {
    this.revisions = revisions;
    this.clock = clock;
  }

  /** Whether a simulated controller looks after objects at this path. */
  static boolean controls(ApiPath path) {
    return path.is("apps", "deployments")
        || path.is("apiextensions.k8s.io", "customresourcedefinitions")
        || path.is(SOURCE_GROUP, "gitrepositories")
        || path.is(KUSTOMIZE_GROUP, "kustomizations");
  }

  /**
   * The status the controller would give {@code object}, or empty when it leaves the status alone
   * (suspended objects, kinds it does not handle). {@code lookup} reads other live objects.
   */
  Optional<ObjectNode> status(ApiPath path, JsonNode object, Function<ApiPath, Optional<JsonNode>> lookup) {
    if (object.path("spec").path("suspend").asBoolean(false)) {
      return Optional.empty();
    }
    JsonNode old = object.path("status");
    long generation = object.path("metadata").path("generation").asLong(1);
    if (path.is("apps", "deployments")) {
      return Optional.of(deployment(object, old, generation));
    }
    if (path.is("apiextensions.k8s.io", "customresourcedefinitions")) {
      return Optional.of(crd(object, old));
    }
    // Like the real ones, these controllers run only while their Deployment exists: once the
    // components are deleted, nothing reconciles the sync objects any more.
    if (path.is(SOURCE_GROUP, "gitrepositories")) {
      return running("source-controller", path, lookup) ? Optional.of(gitRepository(object, old, generation)) : Optional.empty();
    }
    if (path.is(KUSTOMIZE_GROUP, "kustomizations")) {
      return running("kustomize-controller", path, lookup)
          ? Optional.of(kustomization(path, object, old, generation, lookup)) : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean running(String controller, ApiPath path, Function<ApiPath, Optional<JsonNode>> lookup) {
    return lookup.apply(new ApiPath("apps", "v1", path.namespace(), "deployments", controller, null)).isPresent();
  }

  private ObjectNode deployment(JsonNode object, JsonNode old, long generation) {
    int replicas = object.path("spec").path("replicas").asInt(1);
    ObjectNode status = NODES.objectNode();
    status.put("observedGeneration", generation);
    status.put("replicas", replicas);
    status.put("updatedReplicas", replicas);
    status.put("readyReplicas", replicas);
    status.put("availableReplicas", replicas);
    status.set("conditions", NODES.arrayNode().add(condition(old, "Available", true,
        "MinimumReplicasAvailable", "Deployment has minimum availability (simulated).", generation)));
    return status;
  }

  private ObjectNode crd(JsonNode object, JsonNode old) {
    ObjectNode status = NODES.objectNode();
    ArrayNode conditions = NODES.arrayNode();
    conditions.add(condition(old, "NamesAccepted", true, "NoConflicts", "no conflicts found (simulated)", -1));
    conditions.add(condition(old, "Established", true, "InitialNamesAccepted",
        "the initial names have been accepted (simulated)", -1));
    status.set("conditions", conditions);
    status.set("acceptedNames", object.path("spec").path("names").deepCopy());
    // Like the API server: versions objects were stored in stay listed (until someone edits the
    // status, as `flux migrate` does); the current storage version is added.
    java.util.Set<String> versions = new java.util.LinkedHashSet<>();
    for (JsonNode v : old.path("storedVersions")) versions.add(v.asString());
    for (JsonNode version : object.path("spec").path("versions")) {
      if (version.path("storage").asBoolean(false)) {
        versions.add(version.path("name").asString());
      }
    }
    ArrayNode stored = status.putArray("storedVersions");
    versions.forEach(stored::add);
    return status;
  }

  private ObjectNode gitRepository(JsonNode object, JsonNode old, long generation) {
    String url = object.path("spec").path("url").asString("");
    String branch = object.path("spec").path("ref").path("branch").asString("master");
    Optional<String> head;
    String failure = null;
    try {
      head = revisions.head(url, branch);
    } catch (RuntimeException e) {
      head = Optional.empty();
      failure = e.getMessage();
    }
    ObjectNode status = NODES.objectNode();
    status.put("observedGeneration", generation);
    ArrayNode conditions = status.putArray("conditions");
    if (head.isPresent()) {
      String revision = branch + "@sha1:" + head.get();
      conditions.add(condition(old, "Ready", true, "Succeeded",
          "stored artifact for revision '" + revision + "'", generation));
      ObjectNode artifact = status.putObject("artifact");
      artifact.put("revision", revision);
      boolean same = old.path("artifact").path("revision").asString("").equals(revision);
      artifact.put("lastUpdateTime", same ? old.path("artifact").path("lastUpdateTime").asString(now()) : now());
    } else {
      String message = "no head known for branch '" + branch + "' of " + url
          + (failure == null ? "" : ": " + failure);
      conditions.add(condition(old, "Ready", false, "GitOperationFailed", message, generation));
      if (old.has("artifact")) {
        status.set("artifact", old.get("artifact").deepCopy()); // a real source-controller keeps its last artifact
      }
    }
    return status;
  }

  private ObjectNode kustomization(ApiPath path, JsonNode object, JsonNode old, long generation,
      Function<ApiPath, Optional<JsonNode>> lookup) {
    JsonNode ref = object.path("spec").path("sourceRef");
    String kind = ref.path("kind").asString("");
    String ns = ref.path("namespace").asString(path.namespace());
    String name = ref.path("name").asString("");
    String sourceName = kind + "/" + ns + "/" + name;
    ObjectNode status = NODES.objectNode();
    status.put("observedGeneration", generation);
    ArrayNode conditions = status.putArray("conditions");
    if (old.has("lastAppliedRevision")) {
      status.set("lastAppliedRevision", old.get("lastAppliedRevision").deepCopy());
    }
    if (!kind.equals("GitRepository")) {
      conditions.add(condition(old, "Ready", false, "ArtifactFailed",
          "only GitRepository sources are simulated, not " + kind, generation));
      return status;
    }
    Optional<JsonNode> source = lookup.apply(new ApiPath(SOURCE_GROUP, "v1", ns, "gitrepositories", name, null));
    String revision = source.map(s -> s.path("status").path("artifact").path("revision").asString(""))
        .orElse("");
    if (source.isEmpty()) {
      conditions.add(condition(old, "Ready", false, "ArtifactFailed",
          "Source '" + sourceName + "' not found", generation));
    } else if (revision.isEmpty() || !isReady(source.get())) {
      conditions.add(condition(old, "Ready", false, "ArtifactFailed",
          "Source '" + sourceName + "' is not ready", generation));
    } else {
      conditions.add(condition(old, "Ready", true, "ReconciliationSucceeded",
          "Applied revision: " + revision, generation));
      status.put("lastAppliedRevision", revision);
      status.put("lastAttemptedRevision", revision);
    }
    return status;
  }

  private static boolean isReady(JsonNode object) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asString("").equals("Ready")) {
        return c.path("status").asString("").equals("True");
      }
    }
    return false;
  }

  private ObjectNode condition(JsonNode oldStatus, String type, boolean ok, String reason, String message,
      long generation) {
    String status = ok ? "True" : "False";
    String since = now();
    for (JsonNode c : oldStatus.path("conditions")) {
      if (c.path("type").asString("").equals(type) && c.path("status").asString("").equals(status)) {
        since = c.path("lastTransitionTime").asString(since);
      }
    }
    ObjectNode c = NODES.objectNode();
    c.put("type", type);
    c.put("status", status);
    if (generation >= 0) {
      c.put("observedGeneration", generation);
    }
    c.put("lastTransitionTime", since);
    c.put("reason", reason);
    c.put("message", PREFIX + message);
    return c;
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
