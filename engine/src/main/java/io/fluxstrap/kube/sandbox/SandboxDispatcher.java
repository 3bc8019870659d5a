package io.fluxstrap.kube.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * fabric8's CRUD mock dispatcher, extended into a small Kubernetes API stand-in: it emulates
 * server-side apply (PATCH {@code application/apply-patch+yaml}: create, or merge into the live
 * object), answers discovery so kubectl works, answers SelfSubjectAccessReviews without storing
 * them, optionally runs {@link SimulatedControllers}, and reports every successful write so the
 * sandbox can persist it.
 *
 * <p>All writes are serialized by one lock, so a read-merge-write apply is atomic and a snapshot is
 * consistent.
 */
public class SandboxDispatcher extends KubernetesCrudDispatcher {
  private static final String APPLY_PATCH = "application/apply-patch";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonMapper json = JsonMapper.builder().build();
  private final YAMLMapper yaml = YAMLMapper.builder().build();
  private final ReentrantLock writes = new ReentrantLock();
  private final SimulatedControllers controllers;
  private final Clock clock;
  private volatile Runnable onChange = () -> {};
  private volatile String serverAddress = "127.0.0.1";

  /**
   * @param simulateControllers whether the {@link SimulatedControllers} run; without them objects
   *     are stored as given, like fabric8's mock
   * @param revisions branch heads for the simulated source-controller
   */
  protected SandboxDispatcher(boolean simulateControllers, RevisionSource revisions) {
    this.clock = Clock.systemUTC();
    this.controllers = simulateControllers ? new SimulatedControllers(revisions, clock) : null;
  }

  /** Called, under the write lock, after every successful write. An exception fails the request. */
  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  void serverAddress(String hostPort) {
    this.serverAddress = hostPort;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    HttpMethod method = request.method();
    Optional<ApiPath> api = ApiPath.parse(path);
    if (method == HttpMethod.GET && Discovery.isDiscoveryPath(path)) {
      return Discovery.answer(path, serverAddress, crds())
          .map(body -> Responses.json(200, body))
          .orElseGet(() -> Responses.status(404, "NotFound", "the server could not find the requested resource"));
    }
    if (method == HttpMethod.GET) {
      if (controllers != null && api.isPresent() && api.get().isObject() && !path.contains("watch=true")
          && SimulatedControllers.controls(api.get())) {
        MockResponse failed = locked(() -> {
          if (reconcile(api.get())) {
            onChange.run();
          }
          return null;
        });
        if (failed != null) {
          return failed;
        }
      }
      return super.dispatch(request);
    }
    if (method == HttpMethod.POST && api.isPresent() && api.get().is("authorization.k8s.io",
        "selfsubjectaccessreviews")) {
      return accessReview(request);
    }
    return locked(() -> {
      MockResponse response = isApply(request) && api.isPresent() ? apply(request, api.get())
          : super.dispatch(request);
      if (response.code() / 100 == 2 && method != HttpMethod.DELETE && api.isPresent()) {
        written(method, api.get(), response).ifPresent(this::reconcile);
      }
      if (response.code() / 100 == 2) {
        onChange.run();
      }
      return response;
    });
  }

  /** Runs a write under the lock; a failure (such as objects.json not being writable) becomes a 500. */
  private MockResponse locked(Supplier<MockResponse> work) {
    writes.lock();
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Responses.status(500, "InternalError", "sandbox: " + e.getMessage());
    } finally {
      writes.unlock();
    }
  }

  private static boolean isApply(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    return request.method() == HttpMethod.PATCH && type != null && type.startsWith(APPLY_PATCH);
  }

  /** Server-side apply, emulated: create when absent, else merge the applied fields into the live object. */
  private MockResponse apply(RecordedRequest request, ApiPath path) {
    if (!path.isObject()) {
      return Responses.status(405, "MethodNotAllowed", "apply needs the path of one object");
    }
    JsonNode applied;
    try {
      String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
      // clients send JSON (YAML's subset; fabric8 and kubectl do): read it as such, anything else as YAML
      applied = body.stripLeading().startsWith("{") ? json.readTree(body) : yaml.readTree(body);
    } catch (JacksonException e) {
      return Responses.status(400, "BadRequest", "the applied configuration is not valid YAML");
    }
    String name = applied.path("metadata").path("name").asString("");
    if (!applied.isObject() || applied.path("kind").asString("").isEmpty()
        || applied.path("apiVersion").asString("").isEmpty()) {
      return Responses.status(400, "BadRequest", "the applied configuration needs apiVersion and kind");
    }
    if (!name.equals(path.name())) {
      return Responses.status(400, "BadRequest", "the name of the object (" + name + ") does not match the URL ("
          + path.name() + ")");
    }
    Optional<JsonNode> live = read(path);
    if (live.isEmpty()) {
      return super.handleCreate(Responses.request(HttpMethod.POST, path.collection(), ApplyMerge.created(applied)));
    }
    ObjectNode merged = ApplyMerge.merge(live.get(), applied);
    if (merged.equals(live.get())) {
      return Responses.json(200, live.get()); // nothing to change: a no-op apply writes nothing
    }
    return super.handleUpdate(Responses.request(HttpMethod.PUT, path, merged));
  }

  private MockResponse accessReview(RecordedRequest request) {
    try {
      ObjectNode review = (ObjectNode) json.readTree(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
      if (controllers != null) {
        review.putObject("status").put("allowed", true)
            .put("reason", SimulatedControllers.PREFIX + "every user of the sandbox is cluster-admin");
      }
      return Responses.json(201, review); // answered, never stored: a real API server keeps no reviews either
    } catch (JacksonException | ClassCastException e) {
      return Responses.status(400, "BadRequest", "not a SelfSubjectAccessReview");
    }
  }

  /** The object a successful write touched, if a simulated controller should look at it. */
  private Optional<ApiPath> written(HttpMethod method, ApiPath path, MockResponse response) {
    if (controllers == null || path.subresource() != null) {
      return Optional.empty();
    }
    ApiPath target = path;
    if (method == HttpMethod.POST) {
      String name = Responses.parse(response).path("metadata").path("name").asString("");
      if (name.isEmpty()) {
        return Optional.empty();
      }
      target = path.withName(name);
    }
    return SimulatedControllers.controls(target) ? Optional.of(target) : Optional.empty();
  }

  /** Lets the simulated controller of this object write its status; true when something changed. */
  private boolean reconcile(ApiPath path) {
    Optional<JsonNode> live = read(path);
    if (live.isEmpty()) {
      return false;
    }
    boolean changed = false;
    if (path.is(SimulatedControllers.KUSTOMIZE_GROUP, "kustomizations")) {
      // a Kustomization follows its source: bring the GitRepository up to date first
      JsonNode ref = live.get().path("spec").path("sourceRef");
      if (ref.path("kind").asString("").equals("GitRepository")) {
        changed = reconcile(new ApiPath(SimulatedControllers.SOURCE_GROUP, "v1",
            ref.path("namespace").asString(path.namespace()), "gitrepositories", ref.path("name").asString(""), null));
      }
    }
    Optional<ObjectNode> status = controllers.status(path, live.get(), this::read);
    // compared as stored JSON: numbers built in code and numbers read back differ in node type only
    JsonNode stored = status.isEmpty() ? null : json.readTree(json.writeValueAsString(status.get()));
    if (stored == null || stored.equals(live.get().path("status"))) {
      return changed;
    }
    ObjectNode updated = ((ObjectNode) live.get()).deepCopy();
    updated.set("status", stored);
    return super.handleUpdate(Responses.request(HttpMethod.PUT, path.withSubresource("status"), updated)).code() / 100 == 2
        || changed;
  }

  private Optional<JsonNode> read(ApiPath path) {
    if (path.name() == null || path.name().isEmpty()) {
      return Optional.empty();
    }
    MockResponse response = super.handleGet(path.toString());
    return response.code() == 200 ? Optional.of(Responses.parse(response)) : Optional.empty();
  }

  private List<JsonNode> crds() {
    MockResponse response = super.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    List<JsonNode> crds = new ArrayList<>();
    Responses.parse(response).path("items").forEach(crds::add);
    return crds;
  }

  /** Every stored object with its resource name, in a stable order. */
  List<StoredObject> snapshot() {
    writes.lock();
    try {
      List<StoredObject> objects = new ArrayList<>();
      for (Map.Entry<AttributeSet, String> entry : getMap().entrySet()) {
        Attribute plural = entry.getKey().getAttribute("plural");
        if (plural != null && !plural.getValues().isEmpty()) {
          objects.add(new StoredObject(plural.getValues().get(0).toString(), json.readTree(entry.getValue())));
        }
      }
      objects.sort(Comparator.comparing((StoredObject o) -> o.path().toString()));
      return objects;
    } finally {
      writes.unlock();
    }
  }

  /**
   * Puts stored objects back as they were (uids and resource versions kept), CRDs first so their
   * kinds are known. Call before the server starts.
   */
  void load(List<StoredObject> objects) {
    long maxVersion = 0;
    List<StoredObject> ordered = new ArrayList<>(objects);
    ordered.sort(Comparator.comparing((StoredObject o) -> !o.isCrd()));
    for (StoredObject o : ordered) {
      String path = o.path().toString();
      processEvent(path, getKey(path), null, null, json.writeValueAsString(o.object()));
      maxVersion = Math.max(maxVersion, o.object().path("metadata").path("resourceVersion").asLong(0));
    }
    long version = 0;
    while (version < maxVersion) {
      version = requestResourceVersion(); // new writes must get resource versions above the stored ones
    }
  }

  /** Creates a Namespace with a fresh random uid unless it exists. Call before the server starts. */
  void ensureNamespace(String name) {
    ApiPath path = new ApiPath("", "v1", null, "namespaces", name, null);
    if (read(path).isPresent()) {
      return;
    }
    ObjectNode ns = NODES.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name).put("uid", UUID.randomUUID().toString())
        .put("resourceVersion", String.valueOf(requestResourceVersion())).put("generation", 1)
        .put("creationTimestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    ns.putObject("spec").putArray("finalizers").add("kubernetes");
    ns.putObject("status").put("phase", "Active");
    processEvent(path.toString(), getKey(path.toString()), null, null, json.writeValueAsString(ns));
  }
}
