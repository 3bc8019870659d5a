package io.fluxstrap.ssh;

import io.fluxstrap.diag.UserException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * Fetches an SSH server's host key the way {@code ssh-keyscan} does: key exchange only, no
 * authentication, nothing trusted or stored. SHA-1 {@code ssh-rsa} is never offered; for Azure
 * DevOps only RSA SHA-2 is offered, since that is the key the Flux controllers will verify.
 */
public final class HostKeyScanner {
  private static final List<NamedFactory<Signature>> GENERAL =
      List.of(
          BuiltinSignatures.ed25519,
          BuiltinSignatures.nistp256,
          BuiltinSignatures.nistp384,
          BuiltinSignatures.nistp521,
          BuiltinSignatures.rsaSHA512,
          BuiltinSignatures.rsaSHA256);
  private static final List<NamedFactory<Signature>> AZURE_DEVOPS =
      List.of(BuiltinSignatures.rsaSHA512, BuiltinSignatures.rsaSHA256);

  private final Duration timeout;

  public HostKeyScanner(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** The host key algorithms offered to {@code host}, most preferred first. */
  static List<String> algorithmsFor(String host) {
    return (SshHosts.isAzureDevOps(host) ? AZURE_DEVOPS : GENERAL)
        .stream().map(NamedFactory::getName).toList();
  }

  /**
   * Connects (no authentication), returns the server's host key. Unreachable, refused, timeout,
   * or no common host key algorithm: a UserException naming host:port and the cause.
   */
  public HostKey scan(String host, int port) {
    String where = host + ":" + port;
    HostKey.hostField(host, port);
    Crypto.requireBouncyCastle();
    AtomicReference<PublicKey> key = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    SshClient client = SshClient.setUpDefaultClient();
    // Hermetic: no ~/.ssh/config, no user keys, no known_hosts; the scan only records the key.
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setSignatureFactories(SshHosts.isAzureDevOps(host) ? AZURE_DEVOPS : GENERAL);
    client.setServerKeyVerifier(
        (session, address, serverKey) -> {
          key.set(serverKey);
          return true;
        });
    client.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionNegotiationEnd(
              Session s,
              Map<KexProposalOption, String> client,
              Map<KexProposalOption, String> server,
              Map<KexProposalOption, String> negotiated,
              Throwable t) {
            if (t != null) {
              failure.compareAndSet(null, t);
            }
          }

          @Override
          public void sessionException(Session s, Throwable t) {
            failure.compareAndSet(null, t);
          }
        });
    long deadline = System.nanoTime() + timeout.toNanos();
    client.start();
    try (ClientSession session =
        client.connect("fluxstrap-scan", host, port).verify(timeout).getSession()) {
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      Set<ClientSessionEvent> state =
          session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), left);
      if (key.get() != null) {
        return HostKey.of(host, port, key.get());
      }
      if (state.contains(ClientSessionEvent.TIMEOUT) || !state.contains(ClientSessionEvent.CLOSED)) {
        throw timedOut(where);
      }
      throw new UserException(
          "cannot read the SSH host key of " + where + ": " + describe(failure.get(), host));
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserException u) {
        throw u;
      }
      if (key.get() != null) {
        return HostKey.of(host, port, key.get());
      }
      if (isTimeout(e)) {
        throw timedOut(where);
      }
      throw new UserException("cannot reach the SSH server " + where + ": " + describe(e, host));
    } finally {
      client.stop();
    }
  }

  private UserException timedOut(String where) {
    return new UserException(
        "cannot read the SSH host key of " + where + ": no answer within " + timeout.toMillis()
            + " ms (timed out)");
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException
          || t instanceof TimeoutException
          || t instanceof InterruptedIOException
          || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  /** A short cause without passing arbitrary library text through. */
  private static String describe(Throwable e, String host) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + host;
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("negotiat") || m.contains("no matching") || m.contains("unable to")) {
        return "the server offers none of the host key algorithms we accept ("
            + String.join(", ", algorithmsFor(host)) + ")";
      }
    }
    return e == null
        ? "the server closed the connection"
        : "the connection failed (" + e.getClass().getSimpleName() + ")";
  }
}
