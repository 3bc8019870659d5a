package io.fluxstrap.spec;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSH hosts as a spec names them: {@code host} or {@code host:port} (Flux's {@code --ssh-hostname}),
 * with an IPv6 address in brackets ({@code [::1]:2222}). Lower-cased, so that state compares equal.
 */
public final class SshHosts {
  public static final int DEFAULT_PORT = 22;

  /** Azure DevOps' SSH hosts: today's and the legacy visualstudio.com one. */
  private static final Set<String> AZURE_DEVOPS = Set.of(GitUrls.AZURE_DEVOPS_SSH_HOST, "vs-ssh.visualstudio.com");
  private static final String LABEL = "[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?";
  private static final Pattern NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-f:.]+\\]|[^:\\[\\]]+)(?::([0-9]*))?");
  private static final String EXAMPLE = "e.g. ssh.dev.azure.com or git.example.com:2222";

  private SshHosts() {}

  /** The normalised {@code host} or {@code host:port}, or why {@code raw} is not one. */
  public static Normalized check(String raw) {
    String text = raw.strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) return Normalized.problem("the hostname is empty");
    if (text.contains("://")) return Normalized.problem("a hostname has no scheme; write just the host, " + EXAMPLE);
    if (text.contains("@")) {
      return Normalized.problem("a hostname has no user (the cluster connects as 'git'); write just the host, " + EXAMPLE);
    }
    if (text.contains("/")) {
      return Normalized.problem("a hostname has no path (the path comes from the repository URL); write just the host, " + EXAMPLE);
    }
    Matcher m = HOST_PORT.matcher(text);
    if (!m.matches() || !(m.group(1).startsWith("[") || NAME.matcher(m.group(1)).matches())) {
      return Normalized.problem("invalid hostname '" + SpecLimits.shown(raw.strip()) + "' (expected host or host:port, " + EXAMPLE + ")");
    }
    String port = m.group(2);
    if (port == null) return Normalized.of(m.group(1));
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      return Normalized.problem("invalid port '" + SpecLimits.shown(port) + "' in hostname (expected 1 to 65535)");
    }
    return Normalized.of(m.group(1) + ":" + Integer.parseInt(port));
  }

  /** The host of a (normalised) {@code host} or {@code host:port}, brackets of IPv6 kept. */
  public static String hostName(String hostOrHostPort) {
    int close = hostOrHostPort.lastIndexOf(']');
    int colon = hostOrHostPort.lastIndexOf(':');
    return colon > close && (close >= 0 || hostOrHostPort.indexOf(':') == colon) ? hostOrHostPort.substring(0, colon) : hostOrHostPort;
  }

  /** The port of {@code host:port}; {@value #DEFAULT_PORT} without one. */
  public static int port(String hostOrHostPort) {
    String host = hostName(hostOrHostPort);
    return host.length() == hostOrHostPort.length() ? DEFAULT_PORT : Integer.parseInt(hostOrHostPort.substring(host.length() + 1));
  }

  /** How known_hosts names the host: {@code host}, or {@code [host]:port} for a port other than 22. */
  public static String knownHostsName(String hostOrHostPort) {
    String host = hostName(hostOrHostPort);
    int port = port(hostOrHostPort);
    if (port == DEFAULT_PORT) return host;
    return (host.startsWith("[") ? host : "[" + host + "]") + ":" + port;
  }

  /** Whether the host is Azure DevOps' SSH server ({@code ssh.dev.azure.com}, {@code vs-ssh.visualstudio.com}). */
  public static boolean isAzureDevOps(String hostOrHostPort) {
    return hostOrHostPort != null && AZURE_DEVOPS.contains(hostName(hostOrHostPort.strip().toLowerCase(Locale.ROOT)));
  }
}
