package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
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

  public Credentials credentials() {
    return credentials;
  }

  public Cluster cluster(ClusterSpec c) {
    if (connector == null) connector = connectorFactory.get();
    return open.computeIfAbsent(c.name(), n -> connector.connect(c.target()));
  }

  public RemoteRepo remote(RepositorySpec r) {
    RemoteRepo.Credential credential = r.auth() instanceof GitAuth.Token t
        ? new RemoteRepo.Credential.Token(t.username(), token(r, t))
        : new RemoteRepo.Credential.None();
    return new RemoteRepo(r.url(), credential, r.allowInsecureHttp(), r.caFile());
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
