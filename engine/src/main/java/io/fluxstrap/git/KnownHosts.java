package io.fluxstrap.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The host keys an SSH credential pins (known_hosts lines, plain or hashed), as JGit's server key
 * database: a server is accepted only when its key equals a key listed for its host and port.
 * Nothing is ever added (no trust on first use), nothing is read from or written to disk, and the
 * checking is strict whatever any configuration says. A refusal is thrown as a {@link
 * HostKeyRejected} that says whether the host is unknown or its key differs.
 */
final class KnownHosts implements ServerKeyDatabase {
  /** Host key algorithms we negotiate for each key type: RSA only with SHA-2 signatures, never ssh-rsa (SHA-1). */
  static final String ALL_ALGORITHMS =
      "rsa-sha2-512,rsa-sha2-256,ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521";

  private final List<Entry> entries;

  private record Entry(KnownHostEntry line, PublicKey key) {}

  KnownHosts(List<String> lines) {
    List<Entry> parsed = new ArrayList<>();
    for (String raw : lines) {
      for (String line : raw.split("\\R")) {
        Entry e = parse(line);
        if (e != null) {
          parsed.add(e);
        }
      }
    }
    this.entries = List.copyOf(parsed);
  }

  /** Unreadable lines and {@code @cert-authority} lines pin nothing; {@code @revoked} keys are refused. */
  private static Entry parse(String line) {
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return null;
    }
    try {
      KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(s);
      if (entry == null || entry.getKeyEntry() == null || "cert-authority".equals(marker(entry))) {
        return null;
      }
      PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
      return key == null ? null : new Entry(entry, key);
    } catch (Exception unreadable) {
      return null;
    }
  }

  /** The keys pinned for {@code host}:{@code port} (revoked ones excluded). */
  List<PublicKey> keysFor(String host, int port) {
    List<PublicKey> keys = new ArrayList<>();
    for (Entry e : entries) {
      if (marker(e.line()) == null && e.line().isHostMatch(host, port)) {
        keys.add(e.key());
      }
    }
    return keys;
  }

  /** HostKeyAlgorithms for a host: those of its pinned keys, or all we allow when none is pinned. */
  String hostKeyAlgorithms(String host, int port) {
    Set<String> algorithms = new LinkedHashSet<>();
    for (PublicKey key : keysFor(host, port)) {
      algorithms.add(signatureAlgorithms(key));
    }
    return algorithms.isEmpty() ? ALL_ALGORITHMS : String.join(",", algorithms);
  }

  /** The signature algorithms a key of this type may use: RSA with SHA-2 only. */
  static String signatureAlgorithms(PublicKey key) {
    return key instanceof RSAPublicKey ? "rsa-sha2-512,rsa-sha2-256" : KeyUtils.getKeyType(key);
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    HostPort hp = HostPort.parse(connectAddress);
    return keysFor(hp.host(), hp.port());
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    HostPort hp = HostPort.parse(connectAddress);
    for (Entry e : entries) {
      if ("revoked".equals(marker(e.line())) && KeyUtils.compareKeys(e.key(), serverKey)) {
        throw new HostKeyRejected(hp.shown() + " presented host key " + describe(serverKey) + ", which known_hosts marks @revoked");
      }
    }
    List<PublicKey> pinned = keysFor(hp.host(), hp.port());
    for (PublicKey key : pinned) {
      if (KeyUtils.compareKeys(key, serverKey)) {
        return true;
      }
    }
    if (pinned.isEmpty()) {
      throw new HostKeyRejected(
          "the host key of "
              + hp.shown()
              + " ("
              + describe(serverKey)
              + ") is not in known_hosts: no entry for "
              + hp.pattern()
              + ". Host keys are never trusted on first use: check this fingerprint with the server's "
              + "administrator (Azure DevOps publishes its SSH host key fingerprints), then pin the key in knownHosts");
    }
    List<String> expected = pinned.stream().map(KnownHosts::describe).toList();
    throw new HostKeyRejected(
        "the host key of "
            + hp.shown()
            + " ("
            + describe(serverKey)
            + ") does not match the known_hosts entry for it ("
            + String.join(", ", expected)
            + "): possibly a man-in-the-middle attack, or the server's host key changed. Do not connect until "
            + "you have checked the new fingerprint with the server's administrator; if the change is genuine, "
            + "replace the pinned key in knownHosts");
  }

  private static String marker(KnownHostEntry entry) {
    String m = entry.getMarker();
    return m == null || m.isEmpty() ? null : m.startsWith("@") ? m.substring(1) : m;
  }

  private static String describe(PublicKey key) {
    return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
  }

  /** The host and port in JGit's connect address ({@code host} or {@code [host]:port}). */
  record HostPort(String host, int port) {
    static HostPort parse(String connectAddress) {
      if (connectAddress.startsWith("[")) {
        int close = connectAddress.indexOf(']');
        int port = 22;
        if (close + 1 < connectAddress.length() && connectAddress.charAt(close + 1) == ':') {
          port = Integer.parseInt(connectAddress.substring(close + 2));
        }
        return new HostPort(connectAddress.substring(1, close), port);
      }
      return new HostPort(connectAddress, 22);
    }

    String shown() {
      return host + ":" + port;
    }

    String pattern() {
      return port == 22 ? host : "[" + host + "]:" + port;
    }
  }

  /** The server's host key was refused; the message says why and what to do. */
  static final class HostKeyRejected extends RuntimeException {
    HostKeyRejected(String message) {
      super(message, null, false, false);
    }
  }
}
