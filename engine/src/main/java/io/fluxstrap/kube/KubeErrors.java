package io.fluxstrap.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns fabric8's exceptions into {@link KubeFailure}s at the package edge: no fabric8 type leaves
 * the package, and a message names the server, the action and the object, never a request body.
 * Messages the server sends back are scrubbed of the secret values a request carried.
 */
final class KubeErrors {
  private static final int MIN_SCRUBBED_LENGTH = 4;

  private KubeErrors() {}

  static KubeFailure translate(RuntimeException e, String server, String action, String object,
      Collection<byte[]> secrets) {
    if (e instanceof KubeFailure failure) {
      return failure;
    }
    String what = action + " " + object;
    if (isUnreachable(e)) {
      return new KubeFailure.Unreachable("cannot reach the Kubernetes API server at " + server + " to " + what
          + ": " + networkReason(e));
    }
    int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
    String said = scrub(serverMessage(e), secrets);
    String detail = said.isEmpty() ? "" : " (the server said: " + said + ")";
    return switch (code) {
      case 401 -> new KubeFailure.Forbidden("the Kubernetes API server at " + server
          + " did not accept the credentials (401 Unauthorized) to " + what
          + ": log in again or check the kubeconfig user; you need cluster-admin rights on " + server);
      case 403 -> new KubeFailure.Forbidden("forbidden to " + what + ": you need cluster-admin rights on "
          + server + detail);
      case 409 -> new KubeFailure.Conflict("conflict while trying to " + what + " on " + server + detail);
      default -> new KubeFailure("cannot " + what + " on " + server
          + (code > 0 ? ": HTTP " + code : "") + (said.isEmpty() ? "" : ": " + said));
    };
  }

  /** Runs one client call that is safe to repeat, with bounded retries ({@link Retries}), translating its failure. */
  static <T> T call(String server, String action, String object, Collection<byte[]> secrets, Supplier<T> work) {
    return call(Retries.Policy.DEFAULT, server, action, object, secrets, work);
  }

  /** Runs one client call that must not be repeated (it is not idempotent), translating its failure. */
  static <T> T callOnce(String server, String action, String object, Collection<byte[]> secrets, Supplier<T> work) {
    return call(Retries.Policy.ONCE, server, action, object, secrets, work);
  }

  static <T> T call(Retries.Policy policy, String server, String action, String object, Collection<byte[]> secrets, Supplier<T> work) {
    try {
      return Retries.run(policy, work);
    } catch (Retries.Exhausted e) {
      KubeFailure f = translate((RuntimeException) e.getCause(), server, action, object, secrets);
      return rethrow(f, " (tried " + e.attempts + " times)");
    } catch (RuntimeException e) {
      throw translate(e, server, action, object, secrets);
    }
  }

  /** Throws {@code f} of the same kind with {@code note} appended to its message. */
  private static <T> T rethrow(KubeFailure f, String note) {
    String m = f.getMessage() + note;
    if (f instanceof KubeFailure.Unreachable) throw new KubeFailure.Unreachable(m);
    if (f instanceof KubeFailure.Forbidden) throw new KubeFailure.Forbidden(m);
    if (f instanceof KubeFailure.Conflict) throw new KubeFailure.Conflict(m);
    throw new KubeFailure(m);
  }

  static <T> T call(String server, String action, String object, Supplier<T> work) {
    return call(server, action, object, List.of(), work);
  }

  private static String serverMessage(RuntimeException e) {
    if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
      return k.getStatus().getMessage();
    }
    if (e instanceof KubernetesClientException k && k.getCode() > 0) {
      return "";
    }
    Throwable root = rootCause(e);
    // not an HTTP answer: fabric8's own message can hold a URL but never a request body
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean isUnreachable(Throwable e) {
    if (e instanceof KubernetesClientException k && k.getCode() > 0) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException || t instanceof TimeoutException
          || t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
      String name = t.getClass().getName();
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      // Vert.x reports refused and timed-out connections with its own exception types
      if (name.startsWith("io.vertx") || name.startsWith("io.netty")) {
        if (message.contains("connection refused") || message.contains("timed out")
            || message.contains("failed to resolve") || message.contains("connection reset")) {
          return true;
        }
      }
      if (t instanceof IOException && (message.contains("connection refused") || message.contains("timed out"))) {
        return true;
      }
    }
    return false;
  }

  private static String networkReason(Throwable e) {
    Throwable root = rootCause(e);
    String message = root.getMessage() == null ? "" : root.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("refused")) {
      return "connection refused (is the cluster running, and is the kubeconfig's server address right?)";
    }
    if (message.contains("timed out") || root instanceof SocketTimeoutException || root instanceof TimeoutException) {
      return "the connection timed out";
    }
    if (root instanceof UnknownHostException || message.contains("resolve")) {
      return "the host name does not resolve";
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** {@code message} with every secret value (raw or base64) replaced. */
  static String scrub(String message, Collection<byte[]> secrets) {
    String result = message == null ? "" : message;
    for (byte[] secret : secrets) {
      if (secret.length >= MIN_SCRUBBED_LENGTH) {
        result = result.replace(new String(secret, StandardCharsets.UTF_8), "(redacted)")
            .replace(Base64.getEncoder().encodeToString(secret), "(redacted)");
      }
    }
    return result;
  }
}
