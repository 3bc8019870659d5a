package io.fluxstrap.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and normalises Git remote URLs. One spelling per repository, so that state and plans
 * compare equal: scheme and host lower-cased, a trailing {@code /} dropped, and the user part of
 * Azure DevOps' {@code https://org@dev.azure.com/...} dropped (the portal adds it; it is not a
 * credential). A trailing {@code .git} is kept: on a plain Git server it is part of the folder
 * name, so dropping it is not harmless. Any other credential in a URL is refused, and no message
 * ever repeats a URL that may hold one.
 */
public final class GitUrls {
  public static final String AZURE_DEVOPS_HOST = "dev.azure.com";
  public static final String AZURE_DEVOPS_SSH_HOST = "ssh.dev.azure.com";

  private static final List<String> SCHEMES = List.of("https", "http", "ssh", "file");
  // git's rule: "host:path" with no "://" and a ':' before any '/' is scp-like SSH.
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/:\\s]+)@)?([^@/:\\s]{2,}):(.*)$");
  private static final String ADO_SHAPE = "https://dev.azure.com/{org}/{project}/_git/{repo}";
  private static final String ADO_SSH_SHAPE = "ssh://git@ssh.dev.azure.com/v3/{org}/{project}/{repo}";

  private GitUrls() {}

  /** The normalised form of {@code raw}, or why it cannot be used. */
  public static Normalized check(String raw, boolean allowInsecureHttp) {
    String text = raw.strip();
    if (text.isEmpty()) return Normalized.problem("the URL is empty");
    if (!text.contains("://")) {
      // "user:password@host:path" would read as host "user" with the rest as its path.
      int at = text.indexOf('@');
      if (at > 0 && text.substring(0, at).contains(":")) {
        return Normalized.problem("the URL must not contain a password; the token is read at run time, never from the spec");
      }
      Optional<String> ssh = scpToSsh(text);
      if (ssh.isEmpty()) return Normalized.problem("not a URL (expected https://, ssh:// or file://)");
      text = ssh.get(); // the portal's git@ssh.dev.azure.com:v3/...: one spelling, ssh://
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      // The reason alone: the exception's message repeats the input, which may hold a password.
      return Normalized.problem("invalid URL (" + e.getReason().toLowerCase(Locale.ROOT) + " at position " + (e.getIndex() + 1) + ")");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      return Normalized.problem("unsupported URL scheme '" + SpecLimits.shown(scheme) + "' (expected https, http, ssh or file)");
    }
    if (uri.isOpaque()) return Normalized.problem("invalid URL (expected " + scheme + "://...)");
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Normalized.problem("a Git URL has no query (?...) or fragment (#...); copy the clone URL");
    }
    String path = trimTrailingSlashes(uri.getRawPath() == null ? "" : uri.getRawPath());
    return scheme.equals("file") ? file(uri, path) : remote(uri, scheme, path, allowInsecureHttp);
  }

  private static Normalized file(URI uri, String path) {
    if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
      return Normalized.problem("a file URL names a local path: file:///path/to/repo.git");
    }
    if (path.isEmpty()) return Normalized.problem("the URL has no repository path");
    return Normalized.of("file://" + path);
  }

  private static Normalized remote(URI uri, String scheme, String path, boolean allowInsecureHttp) {
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    if (host == null || host.isEmpty()) return Normalized.problem("the URL has no host");
    String user = uri.getRawUserInfo();
    boolean web = scheme.equals("https") || scheme.equals("http");
    if (user != null) {
      if (user.contains(":")) {
        return Normalized.problem("the URL must not contain a password; the token is read at run time, never from the spec");
      }
      if (web && host.equals(AZURE_DEVOPS_HOST)) {
        user = null; // the portal's "org@": not a credential, and the org is in the path anyway
      } else if (web) {
        return Normalized.problem("the URL must not contain a user name; set auth.token.username instead");
      }
    }
    if (path.isEmpty()) return Normalized.problem("the URL has no repository path");
    if (scheme.equals("http") && !allowInsecureHttp) {
      return Normalized.problem("http:// sends the PAT in clear text; set allowInsecureHttp: true to allow it");
    }
    String[] segments = path.substring(1).split("/", -1);
    if (host.equals(AZURE_DEVOPS_HOST) && !azureDevOpsShape(segments)) {
      return Normalized.problem("an Azure DevOps URL looks like " + ADO_SHAPE);
    }
    if (SshHosts.isAzureDevOps(host) && (segments.length != 4 || !segments[0].equals("v3") || hasEmpty(segments))) {
      return Normalized.problem("an Azure DevOps SSH URL looks like " + ADO_SSH_SHAPE);
    }
    String authority = (user == null ? "" : user + "@") + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    return Normalized.of(scheme + "://" + authority + path);
  }

  private static boolean azureDevOpsShape(String[] segments) {
    return segments.length == 4 && segments[2].equals("_git") && !hasEmpty(segments);
  }

  private static boolean hasEmpty(String[] segments) {
    for (String s : segments) if (s.isEmpty()) return true;
    return false;
  }

  private static String trimTrailingSlashes(String path) {
    String p = path;
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p;
  }

  /** Whether a (normalised) URL is an Azure DevOps one, new or legacy, HTTPS or SSH. */
  public static boolean isAzureDevOps(String url) {
    try {
      String host = new URI(url).getHost();
      if (host == null) return false;
      host = host.toLowerCase(Locale.ROOT);
      return host.equals(AZURE_DEVOPS_HOST) || host.equals(AZURE_DEVOPS_SSH_HOST) || host.endsWith(".visualstudio.com");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Rewrites scp-like SSH ({@code git@ssh.dev.azure.com:v3/org/project/repo}) to the URL form
   * ({@code ssh://git@ssh.dev.azure.com/v3/org/project/repo}); empty when {@code text} is not
   * scp-like (a URL, a local path, a Windows drive).
   */
  public static Optional<String> scpToSsh(String text) {
    if (text.contains("://")) return Optional.empty();
    Matcher m = SCP_LIKE.matcher(text.strip());
    if (!m.matches() || m.group(3).isEmpty()) return Optional.empty();
    String user = m.group(1) == null ? "" : m.group(1) + "@";
    String path = m.group(3).startsWith("/") ? m.group(3) : "/" + m.group(3);
    return Optional.of("ssh://" + user + m.group(2) + path);
  }

  /**
   * The SSH URL of an Azure DevOps HTTPS repository URL: the path changes from
   * {@code /{org}/{project}/_git/{repo}} to {@code /v3/{org}/{project}/{repo}} (keeping the HTTPS
   * path, as {@code --ssh-hostname} does, fails). Legacy {@code {org}.visualstudio.com} URLs map to
   * the same form. Empty when {@code httpsUrl} is not an Azure DevOps repository URL.
   */
  public static Optional<String> azureDevOpsSshUrl(String httpsUrl) {
    Normalized checked = check(httpsUrl, false);
    if (!checked.ok() || !checked.value().startsWith("https://")) return Optional.empty();
    return azureDevOpsSshPath(URI.create(checked.value())).map(path -> "ssh://git@" + AZURE_DEVOPS_SSH_HOST + path);
  }

  /**
   * The URL the cluster syncs from over SSH, Flux's {@code --ssh-hostname}: {@code
   * ssh://git@{hostname}} plus the repository's path, where an Azure DevOps HTTPS path becomes
   * {@code /v3/{org}/{project}/{repo}} ({@link #azureDevOpsSshUrl}) and any other path is kept. A
   * port in {@code hostname} is kept. An {@code ssh://} repository URL with a null hostname is
   * returned as is.
   *
   * @throws IllegalArgumentException when {@code hostname} is null and the URL is not ssh://
   */
  public static String sshSyncUrl(String repositoryUrl, String hostname) {
    Normalized checked = check(repositoryUrl, true);
    String url = checked.ok() ? checked.value() : repositoryUrl;
    if (hostname == null) {
      if (url.startsWith("ssh://")) return url;
      throw new IllegalArgumentException("an SSH hostname is needed to sync a repository that is not ssh://");
    }
    URI uri = URI.create(url);
    String path = azureDevOpsSshPath(uri).orElse(uri.getRawPath());
    return "ssh://git@" + hostname + path;
  }

  /** Whether {@code hostOrHostPort} is Azure DevOps' SSH host (which accepts RSA user keys only). */
  public static boolean isAzureDevOpsSshHost(String hostOrHostPort) {
    return SshHosts.isAzureDevOps(hostOrHostPort);
  }

  /** The {@code host} or {@code host:port} of an {@code ssh://} URL; null for any other URL. */
  public static String sshHost(String sshUrl) {
    URI uri;
    try {
      uri = new URI(sshUrl);
    } catch (URISyntaxException e) {
      return null;
    }
    if (!"ssh".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) return null;
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
  }

  /** {@code /v3/{org}/{project}/{repo}} for an Azure DevOps HTTP(S) repository URL (new or legacy host). */
  private static Optional<String> azureDevOpsSshPath(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawPath() == null || !(scheme.equals("https") || scheme.equals("http"))) return Optional.empty();
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String[] s = uri.getRawPath().substring(1).split("/", -1);
    if (host.equals(AZURE_DEVOPS_HOST)) {
      return azureDevOpsShape(s) ? Optional.of(v3(s[0], s[1], s[3])) : Optional.empty();
    }
    if (host.endsWith(".visualstudio.com") && uri.getRawUserInfo() == null) {
      String org = host.substring(0, host.length() - ".visualstudio.com".length());
      int from = s.length == 4 && s[0].equalsIgnoreCase("DefaultCollection") ? 1 : 0;
      if (s.length - from == 3 && s[from + 1].equals("_git") && !org.isEmpty() && !org.contains(".") && !hasEmpty(s)) {
        return Optional.of(v3(org, s[from], s[from + 2]));
      }
    }
    return Optional.empty();
  }

  private static String v3(String org, String project, String repo) {
    return "/v3/" + org + "/" + project + "/" + repo;
  }
}
