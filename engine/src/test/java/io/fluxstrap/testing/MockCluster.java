package io.fluxstrap.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.Fabric8Cluster;
import io.fluxstrap.kube.sandbox.RevisionSource;
import io.fluxstrap.kube.sandbox.SandboxDispatcher;
import io.fluxstrap.kube.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A Kubernetes API stand-in for tests: fabric8's mock server with the sandbox's dispatcher
 * (server-side apply emulated; simulated controllers on or off), in memory, on 127.0.0.1.
 * Exposes the engine's {@link Cluster}, a raw fabric8 client to arrange and inspect, a kubeconfig
 * pointing at it, and canned failures for chosen requests.
 */
public final class MockCluster implements AutoCloseable {
  private final FailingDispatcher dispatcher;
  private final SandboxServer server;
  private final boolean controllers;
  private final KubernetesClient client;
  private Cluster cluster;
  private Path kubeconfigDir;

  private MockCluster(boolean controllers, RevisionSource revisions) {
    this.controllers = controllers;
    this.dispatcher = new FailingDispatcher(controllers, revisions);
    this.server = SandboxServer.start(dispatcher);
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace("default")
        .withRequestRetryBackoffLimit(0).build();
    this.client = new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Objects stay as written (like fabric8's mock): no status is ever set, CRDs count as established. */
  public static MockCluster start() {
    return new MockCluster(false, RevisionSource.NONE);
  }

  /** With the sandbox's simulated controllers, which read branch heads from {@code revisions}. */
  public static MockCluster withControllers(RevisionSource revisions) {
    return new MockCluster(true, revisions);
  }

  /** The engine's view (one per fixture; closing the fixture closes it). */
  public synchronized Cluster cluster() {
    if (cluster == null) {
      cluster = Fabric8Cluster.at(server.url(), options(Duration.ofSeconds(5)), () -> {});
    }
    return cluster;
  }

  /** A new Cluster with a chosen CRD wait; the caller closes it. */
  public Cluster cluster(Fabric8Cluster.Options options) {
    return Fabric8Cluster.at(server.url(), options, () -> {});
  }

  /** Without controllers nothing sets CRD status, so the wait must tolerate that (explicitly). */
  public Fabric8Cluster.Options options(Duration crdTimeout) {
    return new Fabric8Cluster.Options(crdTimeout, !controllers);
  }

  public KubernetesClient client() {
    return client;
  }

  public String url() {
    return server.url();
  }

  /** A kubeconfig with one context, {@code mock} (current), pointing at this server. */
  public synchronized Path kubeconfig() {
    try {
      if (kubeconfigDir == null) {
        kubeconfigDir = Files.createTempDirectory("mock-kubeconfig");
        Files.writeString(kubeconfigDir.resolve("config"), """
            apiVersion: v1
            kind: Config
            clusters:
            - name: mock
              cluster:
                server: %s
            users:
            - name: mock
              user:
                token: not-a-real-token
            contexts:
            - name: mock
              context:
                cluster: mock
                user: mock
                namespace: default
            current-context: mock
            """.formatted(server.url()));
      }
      return kubeconfigDir.resolve("config");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on, answer {@code method} requests whose path starts with {@code pathPrefix} with {@code code}. */
  public void fail(String method, String pathPrefix, int code) {
    dispatcher.failures.add(new Failure(method, pathPrefix, code));
  }

  /**
   * From now on, answer SelfSubjectAccessReviews with {@code allowed} (the bare mock answers them
   * without a status, i.e. "no answer").
   */
  public void answerAccessReviews(boolean allowed) {
    dispatcher.accessReviews = allowed;
  }

  /** Answers every request normally again. */
  public void clearFailures() {
    dispatcher.failures.clear();
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
    client.close();
    server.close();
    if (kubeconfigDir != null) {
      try (Stream<Path> files = Files.walk(kubeconfigDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
    }
  }

  private record Failure(String method, String pathPrefix, int code) {}

  private static final class FailingDispatcher extends SandboxDispatcher {
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private volatile Boolean accessReviews;

    FailingDispatcher(boolean controllers, RevisionSource revisions) {
      super(controllers, revisions);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (accessReviews != null && "POST".equals(request.getMethod()) && request.getPath().contains("/selfsubjectaccessreviews")) {
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
            .setBody("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{},"
                + "\"status\":{\"allowed\":" + accessReviews + "}}");
      }
      for (Failure f : failures) {
        if (f.method().equalsIgnoreCase(request.getMethod()) && request.getPath().startsWith(f.pathPrefix())) {
          String reason = f.code() == 403 ? "Forbidden" : f.code() == 409 ? "Conflict" : "InternalError";
          return new MockResponse().setResponseCode(f.code()).setHeader("Content-Type", "application/json")
              .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                  + "\",\"code\":" + f.code() + ",\"message\":\"mock: " + request.getMethod() + " "
                  + request.getPath().replace("\"", "") + " refused\"}");
        }
      }
      return super.dispatch(request);
    }
  }
}
