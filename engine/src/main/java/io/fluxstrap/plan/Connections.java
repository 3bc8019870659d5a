package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.git.BearerToken;
import io.fluxstrap.git.GitRemote;
import io.fluxstrap.git.RemoteRepo;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.ClusterConnector;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run's ways out: Git, clusters (opened lazily, once, closed together) and credentials.
 * Shared by refresh and apply so that a plan-then-apply run connects to each cluster once.
 */
public final class Connections implements AutoCloseable {
  private final Supplier<GitRemote> gitFactory;
  private final Supplier<ClusterConnector> connectorFactory;
  private final Credentials credentials;
  private final Map<String, Cluster> open = new LinkedHashMap<>();
  private GitRemote git;
  private ClusterConnector connector;
  private TrustedHosts trusted = TrustedHosts.none();
  private Function<RepositorySpec, BearerToken> bearers = r -> {
    throw new UserException(r.address() + ": Entra ID (auth.entra) is not available in this run");
  };
  private final Map<String, BearerToken> bearersUsed = new LinkedHashMap<>();
  private Supplier<HostKeyResolver.Scanner> scannerFactory = () -> new io.fluxstrap.ssh.HostKeyScanner(java.time.Duration.ofSeconds(10))::scan;

  /** Clients are created on first use, so commands that need none never load JGit or fabric8. */
  public Connections(Supplier<GitRemote> git, Supplier<ClusterConnector> connector, Credentials credentials) {
    this.gitFactory = git;
    this.connectorFactory = connector;
    this.credentials = credentials;
  }

  public GitRemote git() {
    if (git == null) git = gitFactory.get();
    return git;
  }

  /** Replaces how SSH hosts are scanned (tests point it elsewhere; production uses HostKeyScanner). */
  public Connections withScanner(Supplier<HostKeyResolver.Scanner> scanner) {
    this.scannerFactory = scanner;
    return this;
  }

  /** Where Entra ID bearer tokens come from, per repository with auth.entra (the CLI passes its Azure Identity chain). */
  public Connections withBearerTokens(Function<RepositorySpec, BearerToken> bearers) {
    this.bearers = bearers;
    return this;
  }

  /** Who the Entra ID token of {@code r} speaks for, once one was obtained; empty otherwise. Never the token. */
  public java.util.Optional<String> entraIdentity(RepositorySpec r) {
    BearerToken b = bearersUsed.get(r.name());
    return b == null || b.identity().startsWith("(") ? java.util.Optional.empty() : java.util.Optional.of(b.identity());
  }

  public HostKeyResolver.Scanner hostKeyScanner() {
    return scannerFactory.get();
  }

  /** The host keys trusted for this run: SSH connections check against these, strictly. */
  public void trust(TrustedHosts hosts) {
    this.trusted = hosts;
  }

  public TrustedHosts trusted() {
    return trusted;
  }

  public Credentials credentials() {
    return credentials;
  }

  public Cluster cluster(ClusterSpec c) {
    return cluster(c.name(), c.target());
  }

  /** A cluster by name and target: also one no longer in the spec, reached as state recorded it. */
  public Cluster cluster(String name, io.fluxstrap.spec.KubeTarget target) {
    if (connector == null) connector = connectorFactory.get();
    return open.computeIfAbsent(name, n -> connector.connect(target));
  }

  public RemoteRepo remote(RepositorySpec r) {
    RemoteRepo.Credential credential;
    if (r.auth() instanceof GitAuth.Token t) credential = new RemoteRepo.Credential.Token(t.username(), token(r, t));
    else if (r.auth() instanceof GitAuth.SshKey k) credential = sshKey(r, k);
    else if (r.auth() instanceof GitAuth.Entra) credential = new RemoteRepo.Credential.Bearer(bearersUsed.computeIfAbsent(r.name(), n -> bearers.apply(r)));
    else credential = new RemoteRepo.Credential.None();
    return new RemoteRepo(r.url(), credential, r.allowInsecureHttp(), r.caFile());
  }

  private RemoteRepo.Credential sshKey(RepositorySpec r, GitAuth.SshKey k) {
    io.fluxstrap.ssh.LoadedKey key = credentials.key(k.file())
        .orElseThrow(() -> new UserException("the SSH key " + k.file() + " of repository '" + r.name() + "' was not loaded"));
    TrustedHosts.Trusted host = trusted.hosts().get(SshEndpoint.ofUrl(r.url()));
    if (host == null) throw new IllegalStateException("no host key resolved for " + r.url());
    return new RemoteRepo.Credential.SshKey(key.keyPair(), key.fingerprint(), host.knownHosts());
  }

  private Sensitive token(RepositorySpec r, GitAuth.Token t) {
    return credentials.token(t.env())
        .orElseThrow(() -> new UserException("no token for repository '" + r.name() + "': set " + t.env() + " or pipe it on stdin"));
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Cluster c : open.values()) {
      try {
        c.close();
      } catch (RuntimeException e) {
        if (first == null) first = e;
      }
    }
    open.clear();
    if (first != null) throw first;
  }
}
