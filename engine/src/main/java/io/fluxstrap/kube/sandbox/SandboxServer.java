package io.fluxstrap.kube.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock web server on 127.0.0.1 (a random free port), plain HTTP, serving one
 * {@link SandboxDispatcher}. It never listens on other interfaces.
 */
public final class SandboxServer implements AutoCloseable {
  // The mock server logs every request through java.util.logging to the console; nothing below the
  // CLI may print. Strong references: java.util.logging forgets loggers nobody holds.
  private static final List<Logger> QUIET = List.of(
      Logger.getLogger("io.fabric8.mockwebserver"), Logger.getLogger("io.vertx"), Logger.getLogger("io.netty"));

  private final KubernetesMockServer server;
  private final String url;

  private SandboxServer(KubernetesMockServer server, String url) {
    this.server = server;
    this.url = url;
  }

  /**
   * Starts serving {@code dispatcher}, first creating Namespaces kube-system (with a random uid: the
   * cluster's identity) and default unless they exist.
   */
  public static SandboxServer start(SandboxDispatcher dispatcher) {
    dispatcher.ensureNamespace("kube-system");
    dispatcher.ensureNamespace("default");
    QUIET.forEach(l -> l.setLevel(Level.OFF));
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    String hostPort = "127.0.0.1:" + server.getPort();
    dispatcher.serverAddress(hostPort);
    return new SandboxServer(server, "http://" + hostPort);
  }

  /** The API server URL, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
