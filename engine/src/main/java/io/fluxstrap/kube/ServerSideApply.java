package io.fluxstrap.kube;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Server-side apply of a {@link PreparedBundle}'s objects: the same request fabric8's
 * {@code serverSideApply()} makes (PATCH {@code application/apply-patch+yaml}, field manager
 * {@value Cluster#FIELD_MANAGER}, {@code force=true}, the object's JSON as body), sent over the
 * cluster's own fabric8 HTTP client (its authentication, TLS and interceptors), with the body
 * serialised once per run rather than per cluster, and the answer not read into fabric8's model
 * (nothing uses it). Failures are fabric8's {@link KubernetesClientException}s with the server's
 * Status, so {@link KubeErrors} and {@link Retries} treat them exactly as before.
 */
final class ServerSideApply {
  private static final String CONTENT_TYPE = "application/apply-patch+yaml";
  private static final String QUERY = "?fieldManager=" + Cluster.FIELD_MANAGER + "&force=true";

  private final KubernetesClient client;
  private final String server;
  private final CrdReadiness discovery;

  /** {@code server}: the API server URL without a trailing slash. */
  ServerSideApply(KubernetesClient client, String server, CrdReadiness discovery) {
    this.client = client;
    this.server = server;
    this.discovery = discovery;
  }

  void apply(PreparedBundle.Entry entry) {
    String url = server + path(entry);
    KubeErrors.call(server, "apply", entry.describe(), () -> send(url, entry.body()));
  }

  /** The object's URL path, as fabric8 builds it; custom kinds are looked up in discovery. */
  String path(PreparedBundle.Entry entry) {
    String apiVersion = entry.object().getApiVersion();
    String plural = entry.plural();
    boolean namespaced = entry.namespaced();
    if (plural == null) {
      CrdReadiness.Served served = apiVersion.contains("/") ? discovery.resource(apiVersion, entry.kind()).orElse(null) : null;
      if (served == null) {
        throw new KubeFailure("cannot apply " + entry.describe() + " on " + server + ": it does not serve "
            + entry.kind() + " in " + apiVersion);
      }
      plural = served.plural();
      namespaced = served.namespaced();
    }
    StringBuilder path = new StringBuilder(apiVersion.contains("/") ? "/apis/" : "/api/").append(apiVersion);
    if (namespaced) {
      // like fabric8: an object without a namespace goes to the client's (the kubeconfig context's)
      String namespace = entry.namespace() != null ? entry.namespace() : client.getNamespace();
      if (namespace == null) throw new KubeFailure("cannot apply " + entry.describe() + " on " + server + ": it names no namespace");
      path.append("/namespaces/").append(namespace);
    }
    return path.append('/').append(plural).append('/').append(entry.name()).append(QUERY).toString();
  }

  private Void send(String url, String body) {
    HttpClient http = client.getHttpClient();
    HttpRequest.Builder request = http.newHttpRequestBuilder().uri(url).method("PATCH", CONTENT_TYPE, body);
    long timeout = client.getConfiguration().getRequestTimeout();
    if (timeout > 0) request.timeout(timeout, TimeUnit.MILLISECONDS);
    HttpResponse<String> response;
    try {
      response = http.sendAsync(request.build(), String.class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KubernetesClientException.launderThrowable(e);
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    }
    if (!response.isSuccessful()) throw failure(url, response);
    return null;
  }

  private KubernetesClientException failure(String url, HttpResponse<String> response) {
    Status status = null;
    try {
      status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
    } catch (RuntimeException notAStatus) {
      // a proxy's HTML page, say: the code alone tells what happened
    }
    String said = status == null || status.getMessage() == null ? "" : " " + status.getMessage();
    return new KubernetesClientException("Failure executing: PATCH at: " + url.substring(0, url.indexOf('?'))
        + ". Received status: " + response.code() + "." + said, response.code(), status);
  }
}
