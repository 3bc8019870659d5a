package io.fluxstrap.apply;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.git.GitFailure;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.CredentialAdvice;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import io.fluxstrap.git.RemoteRepo;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.SyncAuth;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before anything changes, that the person applying has what the plan needs: push rights
 * on each repository it pushes to, and cluster-admin rights on each cluster it touches. Says
 * which one is missing and what to do.
 */
final class Preflight {
  private Preflight() {}

  static void check(Run run, Plan plan) {
    Set<String> repos = new LinkedHashSet<>();
    Set<String> clusters = new LinkedHashSet<>();
    for (Step s : plan.steps()) {
      if (s.action() instanceof Action.Push p) repos.add(p.repository());
      if (s.action() instanceof Action.ClusterAction c) clusters.add(c.cluster());
    }
    for (String name : repos) {
      RepositorySpec r = run.spec.repositories().get(name);
      run.listener.progress(r.address() + ": checking push access to " + r.url());
      try {
        run.connections.git().checkPushAccess(run.connections.remote(r));
      } catch (GitFailure e) {
        throw new UserException(r.address() + ": cannot push: " + e.getMessage()
            + ". Nothing was changed. " + CredentialAdvice.of(r));
      }
    }
    for (String name : clusters) clusterToken(run, name);
    for (String name : clusters) {
      Cluster k = ClusterSteps.cluster(run, name);
      Optional<Boolean> admin = k.canI("*", "*", "*", null);
      if (admin.isPresent() && !admin.get()) {
        throw new UserException("cluster." + name + ": you need cluster-admin rights on " + k.identity().server()
            + " (a SelfSubjectAccessReview for all verbs on all resources was denied). Nothing was changed");
      }
    }
  }

  /**
   * A cluster with a PAT of its own (sync.token): it must be able to read the repository, and should
   * not be able to push (least privilege: warned, not refused).
   */
  private static void clusterToken(Run run, String name) {
    ClusterSpec c = run.spec.clusters().get(name);
    if (c == null || !(c.sync() instanceof SyncAuth.Token t) || !t.separate()) return; // null: a cluster being destroyed
    RepositorySpec r = run.spec.repositoryOf(c);
    Sensitive pat = run.connections.credentials().token(t.env())
        .orElseThrow(() -> new UserException(c.address() + ": no token for the cluster: set " + t.env()));
    RemoteRepo remote = new RemoteRepo(r.url(), new RemoteRepo.Credential.Token(t.username(), pat), r.allowInsecureHttp(), r.caFile());
    run.listener.progress(c.address() + ": checking the PAT in " + t.env() + " can read " + r.url());
    try {
      run.connections.git().read(remote, r.branch(), List.of());
    } catch (GitFailure e) {
      throw new UserException(c.address() + ": the PAT in " + t.env() + " cannot read the repository: " + e.getMessage()
          + ". Nothing was changed. Create a PAT with Code (Read) scope for the cluster and set " + t.env() + " to it");
    }
    try {
      run.connections.git().checkPushAccess(remote);
      run.listener.progress("warning: " + c.address() + ": the PAT in " + t.env() + " can also push to " + r.url()
          + "; the cluster only needs Code (Read): give it a read-only PAT (least privilege)");
    } catch (GitFailure e) {
      // read-only, as it should be
    }
  }
}
