package io.fluxstrap.git;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns whatever JGit or the network threw into a {@link GitFailure} that names the repository
 * and says what to do. This is the edge of the package: no JGit type and no credential passes it.
 * Every message built here is also scrubbed of the secret and of user-info in URLs, in case a
 * lower layer echoed them.
 */
final class ErrorTranslator {
  private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s]+)@");

  private static final Pattern SSH_HOST_KEY_TYPES =
      Pattern.compile("(?i)unable to negotiate key exchange for server host key algorithms \\(client: ([^/]+?) / server: ([^)]+)\\)");

  private static final Pattern HTTP_401 = Pattern.compile("\\b401\\b");
  /** What JGit's SSH client says when the server accepts none of the keys offered. */
  private static final Pattern SSH_LOGIN_REFUSED =
      Pattern.compile("cannot log in at|no more keys to try|server refused .* key|no more authentication methods");

  /** What an Entra ID access token looks like (a JWT), masked wherever a lower layer might echo one. */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.?[A-Za-z0-9_-]*");

  private static final Pattern HTTP_403 = Pattern.compile("\\b403\\b");

  private ErrorTranslator() {}

  static GitFailure translate(RemoteRepo repo, Throwable e) {
    if (e instanceof GitFailure g) {
      return g;
    }
    String url = displayUrl(repo.url());
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof KnownHosts.HostKeyRejected) {
        return new GitFailure(scrub(repo, "refusing to connect to " + url + ": " + c.getMessage()));
      }
      if (c instanceof UnknownHostException) {
        return new GitFailure.Unreachable(scrub(repo, "cannot reach " + url + ": unknown host " + hostOf(c)));
      }
      if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
        return new GitFailure.Unreachable(scrub(repo, "cannot reach " + url + ": " + reason(c, "connection refused")));
      }
      if (c instanceof SocketTimeoutException || c instanceof InterruptedIOException) {
        return new GitFailure.Unreachable(scrub(repo, "cannot reach " + url + ": the connection timed out"));
      }
      if (c instanceof SSLException || c instanceof CertificateException) {
        return new GitFailure.Unreachable(
            scrub(
                repo,
                "cannot establish a secure connection to "
                    + url
                    + ": the server's certificate is not trusted ("
                    + reason(c, "TLS handshake failed")
                    + "); if it is signed by a private CA, set caFile to that CA's PEM file"));
      }
      if (c instanceof NoRemoteRepositoryException) {
        return new GitFailure.Unreachable(
            scrub(repo, "repository not found: " + url + notFoundAdvice(repo)));
      }
    }
    String message = String.valueOf(e.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (repo.credential() instanceof RemoteRepo.Credential.SshKey) {
      if (SSH_LOGIN_REFUSED.matcher(lower).find()) {
        return authFailed(repo);
      }
      Matcher types = SSH_HOST_KEY_TYPES.matcher(message);
      if (types.find()) {
        // We offer only the types of the pinned keys, so the server's key cannot be one of them.
        return new GitFailure(
            scrub(
                repo,
                "refusing to connect to "
                    + url
                    + ": its host key does not match the known_hosts entry for it: the pinned key is "
                    + types.group(1)
                    + ", the server offers only "
                    + types.group(2)
                    + " (possibly a man-in-the-middle attack, or the server's host key changed); check the server's "
                    + "host key fingerprint with its administrator, then replace the pinned key in knownHosts"));
      }
    }
    if (lower.contains("not permitted") || HTTP_403.matcher(lower).find() || lower.contains("forbidden")) {
      return new GitFailure.AuthFailed(
          scrub(
              repo,
              "push access denied for "
                  + url
                  + ": "
                  + who(repo)
                  + " may not push (grant Contribute on the repository, or use a token with Code read & write scope)"));
    }
    if (lower.contains("not authorized")
        || lower.contains("authentication")
        || HTTP_401.matcher(lower).find()
        || lower.contains("auth fail")) {
      return authFailed(repo);
    }
    if (lower.contains("not found")) {
      return new GitFailure.Unreachable(
          scrub(repo, "repository not found: " + url + notFoundAdvice(repo)));
    }
    return new GitFailure(scrub(repo, "git operation on " + url + " failed: " + message));
  }

  /** What to do about a repository that is not there: a local one is created by apply. */
  private static String notFoundAdvice(RemoteRepo repo) {
    boolean local;
    try {
      local = Transports.localPath(repo) != null;
    } catch (RuntimeException e) {
      local = false;
    }
    if (local) {
      return " (a local repository: check the path in the spec's url; apply creates it when it is missing,"
          + " and a folder there that is not a Git repository must be moved away first)";
    }
    return " (check the URL, and that the credential can see it)";
  }

  static GitFailure.AuthFailed authFailed(RemoteRepo repo) {
    String url = displayUrl(repo.url());
    if (repo.credential() instanceof RemoteRepo.Credential.Token) {
      return new GitFailure.AuthFailed(
          scrub(
              repo,
              "authentication failed for "
                  + url
                  + ": the token was refused (expired, revoked, or without Code read & write scope); "
                  + "create a new personal access token and provide it again"));
    }
    if (repo.credential() instanceof RemoteRepo.Credential.Bearer b) {
      return new GitFailure.AuthFailed(
          scrub(
              repo,
              "authentication failed for "
                  + url
                  + ": the Entra ID token of "
                  + b.token().identity()
                  + " was refused (the identity has no access to the organisation: add it as a user of the Azure DevOps "
                  + "organisation, access level Basic, with Code (read & write) on the project)"));
    }
    if (repo.credential() instanceof RemoteRepo.Credential.SshKey key) {
      return new GitFailure.AuthFailed(
          scrub(
              repo,
              "authentication failed for "
                  + url
                  + ": the server did not accept key "
                  + key.keyFingerprint()
                  + " (add its public key to the SSH keys of the user, or check the user name)"));
    }
    return new GitFailure.AuthFailed(
        scrub(repo, "authentication failed for " + url + ": the server requires credentials and none are configured"));
  }

  /**
   * The URL without user-info, so a password embedded in it is never shown. An ssh:// user name
   * alone ({@code git@}) stays: it is no secret, and a wrong one is a common cause of refused keys.
   */
  static String displayUrl(String url) {
    return withoutUserInfo(url);
  }

  private static String withoutUserInfo(String text) {
    return URL_USERINFO
        .matcher(text)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    m.group(1).equalsIgnoreCase("ssh://") && m.group(2).indexOf(':') < 0 ? m.group() : m.group(1)));
  }

  static String scrub(RemoteRepo repo, String message) {
    String out = withoutUserInfo(message);
    if (repo.credential() instanceof RemoteRepo.Credential.Token t && !t.password().isEmpty()) {
      out = out.replace(t.password().reveal(), "(sensitive)");
    }
    if (repo.credential() instanceof RemoteRepo.Credential.Bearer) out = JWT.matcher(out).replaceAll("(sensitive)");
    return out;
  }

  private static String who(RemoteRepo repo) {
    if (repo.credential() instanceof RemoteRepo.Credential.SshKey key) {
      return "SSH key " + key.keyFingerprint();
    }
    if (repo.credential() instanceof RemoteRepo.Credential.Bearer b) {
      return "the Entra ID identity " + b.token().identity();
    }
    return repo.credential() instanceof RemoteRepo.Credential.Token t
        ? "the token of user '" + t.username() + "'"
        : "an anonymous client";
  }

  private static String hostOf(Throwable c) {
    String m = c.getMessage();
    if (m == null) {
      return "";
    }
    int colon = m.indexOf(':');
    return colon > 0 ? m.substring(0, colon) : m;
  }

  private static String reason(Throwable c, String fallback) {
    String m = c.getMessage();
    return m == null || m.isBlank() ? fallback : m;
  }
}
