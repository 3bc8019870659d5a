package io.fluxstrap.apply;

import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.DeploymentStatus;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.FluxObjects;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Waits until Flux reports the pushed revision: GitRepository and Kustomization Ready=True with
 * {@code <branch>@sha1:<head>}, and every component Deployment available. A suspended object or
 * a Ready=False for the current generation fails at once with the controller's message; a
 * timeout says what was still not ready.
 */
public final class HealthWaiter {
  /** Sleeps between polls; tests may pass one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Sleeper sleeper;
  private final java.time.Clock clock;
  private final Duration poll;

  public HealthWaiter(Sleeper sleeper, java.time.Clock clock, Duration poll) {
    this.sleeper = sleeper;
    this.clock = clock;
    this.poll = poll;
  }

  public static HealthWaiter system() {
    return new HealthWaiter(d -> Thread.sleep(d.toMillis()), java.time.Clock.systemUTC(), Duration.ofSeconds(2));
  }

  /**
   * Reads, once per repository and before clusters run in parallel, the branch head that health
   * waits look for when this run pushed nothing there.
   */
  static void readHeads(Run run, java.util.Collection<String> clusters) {
    for (String name : clusters) {
      RepositorySpec r = run.spec.repositoryOf(run.spec.clusters().get(name));
      if (run.pushedHeads.containsKey(r.name())) continue;
      String head = run.connections.git().read(run.connections.remote(r), r.branch(), List.<String>of()).head();
      if (head != null) run.pushedHeads.put(r.name(), head);
    }
  }

  String await(Run run, Action.WaitHealthy a) {
    ClusterSpec c = run.spec.clusters().get(a.cluster());
    RepositorySpec r = run.spec.repositoryOf(c);
    String head = run.pushedHeads.get(r.name());
    if (head == null) head = run.connections.git().read(run.connections.remote(r), r.branch(), List.<String>of()).head();
    String revision = r.branch() + "@sha1:" + head;
    Cluster k = ClusterSteps.cluster(run, a.cluster());
    var deadline = clock.instant().plusSeconds(a.timeoutSeconds());
    String last = "";
    while (true) {
      List<String> waiting = check(k, c, revision);
      if (waiting.isEmpty()) break;
      String now = String.join("; ", waiting);
      if (!now.equals(last)) run.listener.progress(Addresses.health(a.cluster()) + ": waiting: " + now);
      last = now;
      if (!clock.instant().isBefore(deadline)) {
        throw new HealthFailure("timed out after " + a.timeoutSeconds() + "s waiting for Flux on " + c.name() + " to reach " + revision
            + ": " + now + ". Check the controllers' logs (kubectl -n " + c.flux().namespace() + " logs deploy/source-controller)");
      }
      try {
        sleeper.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HealthFailure("interrupted while waiting for Flux on " + c.name());
      }
    }
    run.record(Addresses.health(a.cluster()), "health", Map.of("revision", revision, "checkedAt", clock.instant().toString()));
    return "Ready at " + revision;
  }

  /** What is not ready yet, in words; empty when all is well. Throws for terminal failures. */
  private static List<String> check(Cluster k, ClusterSpec c, String revision) {
    String ns = c.flux().namespace();
    List<String> waiting = new ArrayList<>();
    FluxObjectStatus source = FluxObjectStatus.read(k, FluxObjects.SOURCE_API, "GitRepository", ns);
    FluxObjectStatus sync = FluxObjectStatus.read(k, FluxObjects.KUSTOMIZE_API, "Kustomization", ns);
    for (FluxObjectStatus s : List.of(source, sync)) {
      s.failIfTerminal(revision);
    }
    if (!source.readyAt(revision, "artifactRevision")) waiting.add(source.describe(revision));
    if (!sync.readyAt(revision, "lastAttemptedRevision")) waiting.add(sync.describe(revision));
    Map<String, DeploymentStatus> deployments = k.deployments(ns, c.flux().allComponents());
    for (String comp : c.flux().allComponents()) {
      DeploymentStatus d = deployments.get(comp);
      if (d == null) waiting.add("deployment " + comp + " not found");
      else if (!d.available()) waiting.add("deployment " + comp + " not available" + (d.message() == null || d.message().isEmpty() ? "" : " (" + d.message() + ")"));
    }
    return waiting;
  }
}
