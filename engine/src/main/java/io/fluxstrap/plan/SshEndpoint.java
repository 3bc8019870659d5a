package io.fluxstrap.plan;

import java.net.URI;
import java.util.Locale;

/** An SSH server a repository or cluster talks to: host (lower case) and port (default 22). */
public record SshEndpoint(String host, int port) implements Comparable<SshEndpoint> {
  public static final int DEFAULT_PORT = 22;

  public SshEndpoint {
    host = host.toLowerCase(Locale.ROOT);
  }

  /** The endpoint of an {@code ssh://} URL. */
  public static SshEndpoint ofUrl(String sshUrl) {
    URI uri = URI.create(sshUrl);
    return new SshEndpoint(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
  }

  /** {@code host}, or {@code host:port} when the port is not 22. */
  public String display() {
    return port == DEFAULT_PORT ? host : host + ":" + port;
  }

  @Override
  public int compareTo(SshEndpoint o) {
    return display().compareTo(o.display());
  }
}
