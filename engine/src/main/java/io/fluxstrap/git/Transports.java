package io.fluxstrap.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Opens JGit transports for a {@link RemoteRepo}: checks the scheme (plain http only when
 * allowed; ssh only with an SSH key), attaches the credential and the CA (or, for ssh, a session
 * factory of its own: {@link SshSessions}), and sets a timeout. Every transport gets its own
 * credentials provider, never JGit's global default, so nothing outside the spec can authenticate.
 */
final class Transports {
  private final int timeoutSeconds;

  Transports(int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The local directory of a {@code file://} URL or a plain path, or null for a network URL. */
  static Path localPath(RemoteRepo repo) {
    String url = repo.url();
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("file://")) {
      try {
        return Path.of(new URIish(url).getPath());
      } catch (URISyntaxException e) {
        throw new GitFailure("invalid repository URL " + ErrorTranslator.displayUrl(url) + ": " + e.getReason());
      }
    }
    if (!lower.contains("://") && !looksScpLike(url)) {
      return Path.of(url);
    }
    return null;
  }

  /** Opens a transport for one operation; the caller closes it. */
  Transport open(Repository local, RemoteRepo repo) throws IOException {
    URIish uri = check(repo);
    Transport t = Transport.open(local, uri);
    t.setTimeout(timeoutSeconds);
    t.setTagOpt(TagOpt.NO_TAGS);
    t.setCredentialsProvider(credentials(repo.credential()));
    if (t instanceof TransportHttp http && repo.caFile() != null) {
      http.setHttpConnectionFactory(new CaTrustingConnectionFactory(repo.caFile()));
    }
    if (t instanceof TransportHttp http && repo.credential() instanceof RemoteRepo.Credential.Bearer bearer) {
      http.setAdditionalHeaders(java.util.Map.of("Authorization", "Bearer " + bearerToken(bearer)));
    }
    if (t instanceof SshTransport ssh && repo.credential() instanceof RemoteRepo.Credential.SshKey key) {
      ssh.setSshSessionFactory(SshSessions.factory(key, timeoutSeconds));
    }
    return t;
  }

  /** The token for this connection; a source that cannot give one fails the operation with its own message. */
  private static String bearerToken(RemoteRepo.Credential.Bearer bearer) {
    try {
      return bearer.token().current().reveal();
    } catch (GitFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GitFailure(e.getMessage());
    }
  }

  private static URIish check(RemoteRepo repo) {
    String shown = ErrorTranslator.displayUrl(repo.url());
    Path local = localPath(repo);
    if (local != null) {
      return new URIish().setScheme("file").setPath(local.toAbsolutePath().normalize().toString());
    }
    URIish uri;
    try {
      uri = new URIish(repo.url());
    } catch (URISyntaxException e) {
      throw new GitFailure("invalid repository URL " + shown + ": " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "https":
        return uri;
      case "http":
        if (!repo.allowInsecureHttp()) {
          throw new GitFailure(
              "refusing plain http for " + shown + ": the token would travel unencrypted; use https, or set "
                  + "allowInsecureHttp: true for a test server");
        }
        return uri;
      case "ssh":
        if (!(repo.credential() instanceof RemoteRepo.Credential.SshKey)) {
          throw new GitFailure(
              "cannot use "
                  + shown
                  + ": an ssh:// repository needs an SSH private key (and the host's known_hosts entry), not "
                  + (repo.credential() instanceof RemoteRepo.Credential.None ? "no credential" : "a token")
                  + "; configure an SSH key for it, or use the https URL with a token");
        }
        return uri;
      default:
        throw new GitFailure(
            "unsupported repository URL " + shown + ": use https://, ssh:// (or file:// for a local repository)");
    }
  }

  private static boolean looksScpLike(String url) {
    int colon = url.indexOf(':');
    int slash = url.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash) && url.substring(0, colon).contains("@");
  }

  private static CredentialsProvider credentials(RemoteRepo.Credential credential) {
    if (credential instanceof RemoteRepo.Credential.Token t) {
      String user = t.username() == null || t.username().isBlank() ? "git" : t.username();
      return new UsernamePasswordCredentialsProvider(user, t.password().reveal().toCharArray());
    }
    return NoCredentials.INSTANCE;
  }

  /** Answers no question, so an anonymous request that needs auth fails instead of prompting. */
  private static final class NoCredentials extends CredentialsProvider {
    static final NoCredentials INSTANCE = new NoCredentials();

    @Override
    public boolean isInteractive() {
      return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
      return false;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) {
      return false;
    }
  }
}
