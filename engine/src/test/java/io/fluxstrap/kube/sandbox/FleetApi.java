package io.fluxstrap.kube.sandbox;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many Kubernetes API stand-ins behind one mock server (for fleet tests and the fleet benchmark):
 * cluster {@code NAME} is served at {@code <url>/clusters/NAME}, each with its own objects, its
 * own kube-system uid and server-side apply emulated, optionally with simulated controllers. One
 * server keeps a 500-cluster fleet cheap; requests are counted per cluster, and a cluster can be
 * made to answer every request with a 500.
 */
public final class FleetApi implements AutoCloseable {
  private static final String PREFIX = "/clusters/";

  private final Router router = new Router();
  private final SandboxServer server;

  private FleetApi(List<String> names, boolean controllers, RevisionSource revisions) {
    for (String name : names) {
      SandboxDispatcher d = new SandboxDispatcher(controllers, revisions);
      d.ensureNamespace("kube-system");
      d.ensureNamespace("default");
      router.clusters.put(name, d);
      router.requests.put(name, new AtomicLong());
    }
    server = SandboxServer.start(router);
    String hostPort = server.url().substring("http://".length());
    router.clusters.values().forEach(d -> d.serverAddress(hostPort));
  }

  public static FleetApi start(List<String> names, boolean controllers, RevisionSource revisions) {
    return new FleetApi(names, controllers, revisions);
  }

  /** The API server URL of cluster {@code name}. */
  public String url(String name) {
    return server.url() + PREFIX + name;
  }

  /** From now on cluster {@code name} answers every request with 500 InternalError. */
  public void fail(String name) {
    router.failing.add(name);
  }

  /**
   * From now on cluster {@code name} answers reads (and access reviews, which change nothing) normally
   * and every other request with 500 InternalError.
   */
  public void failWrites(String name) {
    router.failingWrites.add(name);
  }

  /** Cluster {@code name} answers normally again. */
  public void recover(String name) {
    router.failing.remove(name);
    router.failingWrites.remove(name);
  }

  /** Requests each cluster received since the last {@link #resetCounts()}. */
  public Map<String, Long> requests() {
    Map<String, Long> out = new LinkedHashMap<>();
    router.requests.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public void resetCounts() {
    router.requests.values().forEach(c -> c.set(0));
    router.log.clear();
  }

  /** Method and path of every request to cluster {@code name} since the last reset (to see what a run asks). */
  public List<String> requestsTo(String name) {
    return router.log.stream().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1)).toList();
  }

  /** A kubeconfig with one context per cluster, named after it. */
  public Path writeKubeconfig(Path file) {
    StringBuilder s = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    for (String n : router.clusters.keySet()) s.append("- name: ").append(n).append("\n  cluster:\n    server: ").append(url(n)).append('\n');
    s.append("users:\n- name: fleet\n  user:\n    token: not-a-real-token\ncontexts:\n");
    for (String n : router.clusters.keySet()) {
      s.append("- name: ").append(n).append("\n  context:\n    cluster: ").append(n).append("\n    user: fleet\n    namespace: default\n");
    }
    s.append("current-context: ").append(router.clusters.keySet().iterator().next()).append('\n');
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    server.close();
  }

  private static final class Router extends SandboxDispatcher {
    final Map<String, SandboxDispatcher> clusters = new LinkedHashMap<>();
    final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Set<String> failingWrites = ConcurrentHashMap.newKeySet();
    final java.util.Queue<String> log = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Router() {
      super(false, RevisionSource.NONE);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      if (!path.startsWith(PREFIX)) return Responses.status(404, "NotFound", "fleet: no cluster in " + path);
      int slash = path.indexOf('/', PREFIX.length());
      String name = path.substring(PREFIX.length(), slash < 0 ? path.length() : slash);
      SandboxDispatcher cluster = clusters.get(name);
      if (cluster == null) return Responses.status(404, "NotFound", "fleet: no cluster " + name);
      requests.get(name).incrementAndGet();
      log.add(name + " " + request.getMethod() + " " + path.substring(slash < 0 ? path.length() : slash));
      if (failing.contains(name) || (failingWrites.contains(name) && !"GET".equals(request.getMethod()) && !path.contains("/selfsubjectaccessreviews"))) {
        return Responses.status(500, "InternalError", "fleet: cluster " + name + " is failing");
      }
      String rest = slash < 0 ? "/" : path.substring(slash);
      return cluster.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), rest, request.getHeaders(), request.getBody()));
    }
  }
}
