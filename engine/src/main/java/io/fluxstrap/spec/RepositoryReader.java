package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads one entry of {@code repositories}: URL checks, defaults and auth rules. */
final class RepositoryReader {
  private final ReadContext in;

  RepositoryReader(ReadContext in) {
    this.in = in;
  }

  /**
   * The repository, or null when its URL is unusable or does not fit its auth (the reason is
   * reported; clusters then skip the checks that need it rather than repeat it).
   */
  RepositorySpec read(String name, String at) {
    boolean insecure = in.bool(child(at, "allowInsecureHttp"), false);
    String url = url(at, insecure);
    GitAuth auth = auth(at, url);
    String branch = branch(at);
    Author author =
        new Author(in.text(child(child(at, "author"), "name"), Author.DEFAULT.name()), in.text(child(child(at, "author"), "email"), ""));
    Path caFile = caFile(at);
    return url == null || auth == null ? null : new RepositorySpec(name, url, branch, author, auth, insecure, caFile);
  }

  private String url(String at, boolean insecure) {
    String urlAt = child(at, "url");
    String raw = in.text(urlAt, null);
    if (raw != null) {
      Normalized checked = GitUrls.check(raw, insecure);
      if (!checked.ok()) in.error(urlAt, checked.problem());
      return checked.value();
    }
    String localAt = child(at, "local");
    String local = in.text(localAt, null);
    if (local == null || in.has(urlAt)) return null;
    Path dir = in.path(localAt, local);
    if (dir == null) return null;
    // Spelled by hand, not Path.toUri(): that adds a trailing '/' once the folder exists, and
    // the URL must not change between the first run (no repository yet) and the next.
    String uri = dir.toUri().getRawPath();
    while (uri.length() > 1 && uri.endsWith("/")) uri = uri.substring(0, uri.length() - 1);
    return "file://" + uri;
  }

  /** The repository's auth; null when it does not fit the URL (reported). */
  private GitAuth auth(String at, String url) {
    String authAt = child(at, "auth");
    String tokenAt = child(authAt, "token");
    String sshKeyAt = child(authAt, "sshKey");
    String noneAt = child(authAt, "none");
    boolean local = url != null && url.startsWith("file://");
    boolean ssh = url != null && url.startsWith("ssh://");
    if (in.has(authAt) && !in.valid(authAt)) return null; // e.g. two kinds at once: reported by the schema
    String entraAt = child(authAt, "entra");
    if (in.has(entraAt) && !in.has(tokenAt) && !in.has(sshKeyAt) && !in.has(noneAt)) return entra(entraAt, url, local, ssh);
    if (in.has(sshKeyAt) && !in.has(tokenAt) && !in.has(noneAt)) return sshKey(sshKeyAt, url, ssh);
    if (in.has(noneAt) && !in.has(tokenAt)) {
      if (url != null && !local) in.errorAtKey(noneAt, "auth 'none' is only for local repositories; use '" + (ssh ? "sshKey" : "token") + "'");
      return new GitAuth.None();
    }
    if (!in.has(tokenAt) && local) return new GitAuth.None();
    if (ssh) {
      if (in.has(tokenAt)) in.errorAtKey(tokenAt, "auth 'token' is for https:// URLs; an ssh:// URL needs auth.sshKey (a private key file)");
      else in.error(child(at, "url"), "an ssh:// URL needs auth.sshKey: the private key file to push with");
      return null;
    }
    String username = in.text(child(tokenAt, "username"), GitAuth.Token.DEFAULT_USERNAME);
    String env = in.text(child(tokenAt, "env"), GitAuth.Token.DEFAULT_ENV);
    return new GitAuth.Token(username, env, expires(child(tokenAt, "expires")));
  }

  /** Entra ID: Git over HTTPS with a bearer token; the ids are optional (the source's environment decides). */
  private GitAuth entra(String at, String url, boolean local, boolean ssh) {
    if (url != null && (local || ssh)) {
      in.errorAtKey(at, "auth 'entra' is for https:// URLs (Azure DevOps: https://dev.azure.com/{org}/{project}/_git/{repo}), not "
          + (local ? "a local repository" : "ssh://"));
      return null;
    }
    return new GitAuth.Entra(
        in.text(child(at, "source"), null),
        in.text(child(at, "tenantId"), null),
        in.text(child(at, "clientId"), null),
        in.text(child(at, "serviceConnectionId"), null));
  }

  /**
   * An existing key (flow 3). The file is only resolved, never read: validating works without it
   * and stays fast; the key is loaded when a command needs it.
   */
  private GitAuth sshKey(String at, String url, boolean ssh) {
    if (url != null && !ssh) {
      in.errorAtKey(at, "auth 'sshKey' needs an ssh:// URL: the CLI pushes over HTTPS with a PAT (auth.token); "
          + "for the cluster to pull over SSH, set its sync.auth.ssh");
      return null;
    }
    String fileAt = child(at, "file");
    String raw = in.text(fileAt, null);
    Path file = raw == null ? null : in.path(fileAt, raw);
    String passphraseEnv = in.text(child(at, "passphraseEnv"), GitAuth.SshKey.DEFAULT_PASSPHRASE_ENV);
    String hostsAt = child(at, "knownHosts");
    String knownHosts = new KnownHostsReader(in).read(hostsAt, url != null && GitUrls.isAzureDevOpsSshHost(GitUrls.sshHost(url)));
    return file == null ? null : new GitAuth.SshKey(file, passphraseEnv, knownHosts);
  }

  private LocalDate expires(String at) {
    String raw = in.text(at, null);
    if (raw == null) return null;
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      in.error(at, "invalid date '" + SpecLimits.shown(raw) + "' (expected YYYY-MM-DD, e.g. 2027-03-01)");
      return null;
    }
  }

  private String branch(String at) {
    String branchAt = child(at, "branch");
    String branch = in.text(branchAt, "main");
    BranchNames.problem(branch).ifPresent(problem -> in.error(branchAt, "invalid branch '" + SpecLimits.shown(branch) + "': " + problem));
    return branch;
  }

  private Path caFile(String at) {
    String caAt = child(at, "caFile");
    String raw = in.text(caAt, null);
    if (raw == null) return null;
    Path file = in.path(caAt, raw);
    if (file != null && !Files.isRegularFile(file)) in.error(caAt, "caFile '" + SpecLimits.shown(raw) + "' not found");
    return file;
  }
}
