package io.fluxstrap.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-run prepared bundle: parsed and serialised once however many clusters apply it, and the
 * requests sent from it are byte for byte the server-side applies fabric8 makes itself.
 */
class PreparedApplyTest {
  private static final String BUNDLE = read(Path.of("examples/manifests/flux-v2.7.5-sandbox.yaml"));

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server that records every PATCH (method, path and query, content type, body) and answers discovery. */
  private static final class Recorder implements AutoCloseable {
    final List<String> patches = new ArrayList<>();
    final HttpServer server;
    volatile int failWith;

    Recorder() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", ex -> {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().toString();
        byte[] out;
        int code = 200;
        if (ex.getRequestMethod().equals("PATCH")) {
          synchronized (patches) {
            patches.add("PATCH " + path + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(body, StandardCharsets.UTF_8));
          }
          if (failWith > 0) {
            code = failWith;
            out = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                + ",\"message\":\"admission webhook said no\"}").getBytes(StandardCharsets.UTF_8);
          } else {
            out = body;
          }
        } else if (path.startsWith("/apis/") && path.split("/").length == 4) {
          out = discovery(path.substring("/apis/".length())).getBytes(StandardCharsets.UTF_8);
        } else {
          code = 404;
          out = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":404}".getBytes(StandardCharsets.UTF_8);
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, out.length);
        ex.getResponseBody().write(out);
        ex.close();
      });
      server.start();
    }

    private static String discovery(String groupVersion) {
      Map<String, String> kinds = Map.of("source.toolkit.fluxcd.io/v1", "GitRepository:gitrepositories",
          "kustomize.toolkit.fluxcd.io/v1", "Kustomization:kustomizations");
      String[] k = kinds.getOrDefault(groupVersion, "None:none").split(":");
      return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion + "\",\"resources\":["
          + "{\"name\":\"" + k[1] + "\",\"namespaced\":true,\"kind\":\"" + k[0] + "\",\"verbs\":[\"get\",\"patch\"]},"
          + "{\"name\":\"" + k[1] + "/status\",\"namespaced\":true,\"kind\":\"" + k[0] + "\",\"verbs\":[\"get\"]}]}";
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> takePatches() {
      synchronized (patches) {
        List<String> out = List.copyOf(patches);
        patches.clear();
        return out;
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static KubernetesClient client(SharedClients shared, String url) {
    return shared.client(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty()).withMasterUrl(url)
        .withNamespace("default").withRequestRetryBackoffLimit(0).build());
  }

  @Test
  void theBundleIsPreparedOncePerRunAndItsRequestsAreFabric8sOwn() throws Exception {
    String yaml = BUNDLE + "---\n" + ApplyManifestsFixture.sync()
        + "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: no-namespace-given\n";
    try (Recorder recorder = new Recorder(); SharedClients shared = new SharedClients()) {
      KubernetesClient client = client(shared, recorder.url());
      PreparedBundle prepared = shared.prepared(yaml, client.getKubernetesSerialization());
      assertSame(prepared, shared.prepared(yaml, client.getKubernetesSerialization()), "one preparation per run");
      assertTrue(prepared.size() > 22, "the sandbox bundle, the sync objects and one more: " + prepared.size());

      // what fabric8's own server-side apply sends, object by object, from fresh objects
      for (HasMetadata o : ManifestBundle.parse(yaml, client.getKubernetesSerialization()).first()) {
        client.resource(o).fieldManager(Cluster.FIELD_MANAGER).forceConflicts().serverSideApply();
      }
      for (HasMetadata o : ManifestBundle.parse(yaml, client.getKubernetesSerialization()).rest()) {
        client.resource(o).fieldManager(Cluster.FIELD_MANAGER).forceConflicts().serverSideApply();
      }
      List<String> fabric8 = recorder.takePatches();

      ServerSideApply ssa = new ServerSideApply(client, recorder.url(),
          new CrdReadiness(client, recorder.url(), Fabric8Cluster.Options.realCluster(), new HashMap<>()));
      prepared.first().forEach(ssa::apply);
      prepared.rest().forEach(ssa::apply);
      List<String> ours = recorder.takePatches();

      assertEquals(prepared.size(), fabric8.size());
      assertEquals(fabric8, ours);
      assertTrue(ours.stream().anyMatch(r -> r.startsWith("PATCH /apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories/flux-system?fieldManager=flux&force=true application/apply-patch+yaml {")), ours.toString());
      assertTrue(ours.stream().anyMatch(r -> r.startsWith("PATCH /api/v1/namespaces/default/serviceaccounts/no-namespace-given?")), ours.toString());
    }
  }

  @Test
  void aRefusedApplyFailsAsFabric8sWouldWithTheServersMessage() throws Exception {
    try (Recorder recorder = new Recorder(); SharedClients shared = new SharedClients()) {
      KubernetesClient client = client(shared, recorder.url());
      PreparedBundle prepared = shared.prepared(BUNDLE, client.getKubernetesSerialization());
      ServerSideApply ssa = new ServerSideApply(client, recorder.url(),
          new CrdReadiness(client, recorder.url(), Fabric8Cluster.Options.realCluster(), new HashMap<>()));
      recorder.failWith = 403;
      KubeFailure f = assertThrows(KubeFailure.Forbidden.class, () -> ssa.apply(prepared.first().get(0)));
      assertEquals("forbidden to apply Namespace flux-system: you need cluster-admin rights on " + recorder.url()
          + " (the server said: admission webhook said no)", f.getMessage());
      recorder.failWith = 422;
      f = assertThrows(KubeFailure.class, () -> ssa.apply(prepared.rest().get(0)));
      assertTrue(f.getMessage().contains(": HTTP 422: admission webhook said no"), f.getMessage());
    }
  }
}
