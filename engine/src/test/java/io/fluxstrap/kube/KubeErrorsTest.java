package io.fluxstrap.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeErrorsTest {
  @Test
  void aServerThatNeverAnswersIsUnreachableAfterTheRequestTimeout() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // keep the connection open, say nothing
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestTimeout(300)
          .withRequestRetryBackoffLimit(0).build();
      try (Cluster cluster = new Fabric8Cluster(new KubernetesClientBuilder().withConfig(config).build(),
          Fabric8Cluster.Options.realCluster(), () -> {})) {
        KubeFailure failure = assertThrows(KubeFailure.Unreachable.class, cluster::identity);
        assertEquals("cannot reach the Kubernetes API server at " + url
            + " to read Namespace kube-system: the connection timed out", failure.getMessage());
      }
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void nonHttpFailuresKeepTheirRootCause() {
    KubeFailure failure = KubeErrors.translate(new IllegalStateException("outer", new IllegalArgumentException(
        "bad certificate")), "https://k8s", "read", "Secret a/b", List.of());

    assertEquals(KubeFailure.class, failure.getClass());
    assertEquals("cannot read Secret a/b on https://k8s: bad certificate", failure.getMessage());
  }

  @Test
  void kubeFailuresPassThrough() {
    KubeFailure original = new KubeFailure.Conflict("x");
    assertTrue(KubeErrors.translate(original, "s", "a", "o", List.of()) == original);
  }
}
