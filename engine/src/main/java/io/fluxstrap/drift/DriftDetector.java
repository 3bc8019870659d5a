package io.fluxstrap.drift;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.fleet.Scheduler;
import io.fluxstrap.git.GitFailure;
import io.fluxstrap.kube.KubeFailure;
import io.fluxstrap.manifests.ComponentsSource;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.DesiredBuilder;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Live;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Planner;
import io.fluxstrap.plan.Refresher;
import io.fluxstrap.plan.SecretContents;
import io.fluxstrap.secret.Fingerprints;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the drift checks of a spec, read-only: refreshes each repository and cluster on its own (a
 * unit that cannot be read is an error finding with its cause, and the others are still checked),
 * runs the planner per cluster on the same refresh to know what apply would do, then checks every
 * unit. Writes nothing: not state, not the repository, not the cluster.
 */
public final class DriftDetector {
  /** {@code today} for token expiry; warnings start {@code expiryWarningDays} before it. */
  public record Options(LocalDate today, int expiryWarningDays) {
    public Options {
      if (expiryWarningDays < 0) throw new IllegalArgumentException("expiryWarningDays must not be negative");
    }
  }

  private final Connections connections;
  private final ComponentsSource components;
  private final Consumer<String> progress;
  private final Options options;

  public DriftDetector(Connections connections, ComponentsSource components, Consumer<String> progress, Options options) {
    this.connections = connections;
    this.components = components;
    this.progress = progress;
    this.options = options;
  }

  /** {@code notes}: about the run itself (e.g. a held state lock), carried into the report. */
  public DriftReport detect(Spec spec, State state, String stateFile, List<String> notes) {
    // Host keys as plan resolves them (pinned, recorded, or scanned for a cluster's known_hosts); never trusted on first use for Git.
    io.fluxstrap.plan.TrustedHosts hosts = new io.fluxstrap.plan.HostKeyResolver()
        .resolve(spec, state, java.util.Set.of(), false, connections::hostKeyScanner).hosts();
    connections.trust(hosts);
    Map<String, DesiredCluster> desired = new DesiredBuilder(components, connections.credentials(), hosts).build(spec, state.lineage());
    Refresher refresher = new Refresher(connections, progress);
    Map<String, Live.Repository> repos = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (RepositorySpec r : spec.repositories().values()) {
      if (users(spec, r).isEmpty()) continue;
      try {
        repos.put(r.name(), refresher.readRepository(spec, r));
      } catch (GitFailure | KubeFailure | UserException e) {
        errors.put(r.address(), e.getMessage());
      }
    }
    Map<String, Live.Cluster> clusters = new LinkedHashMap<>();
    for (Scheduler.Outcome<Live.Cluster> o : refresher.readClusters(spec, state.lineage())) {
      if (o.ok()) clusters.put(o.unit(), o.value());
      else if (o.failure() instanceof GitFailure || o.failure() instanceof KubeFailure || o.failure() instanceof UserException) {
        errors.put(spec.clusters().get(o.unit()).address(), o.failure().getMessage());
      } else throw o.failure();
    }
    Fixes fixes = new Fixes();
    for (ClusterSpec c : spec.clusters().values()) plan(spec, state, c, desired.get(c.name()), repos, clusters, fixes);

    List<Unit> units = new ArrayList<>();
    for (RepositorySpec r : spec.repositories().values()) {
      List<DesiredCluster> users = users(spec, r).stream().map(c -> desired.get(c.name())).toList();
      if (users.isEmpty()) continue;
      units.add(new Unit(r.address(), Unit.Kind.REPOSITORY, r.name(), RepositoryChecks.run(r, users, state, repos.get(r.name()),
          errors.get(r.address()), fixes, options.today(), options.expiryWarningDays())));
    }
    for (ClusterSpec c : spec.clusters().values()) {
      DesiredCluster d = desired.get(c.name());
      // A generated key exists only on the cluster: its secret is compared with what apply recorded.
      Map<String, String> wantedSecret = d.generateKey() != null || d.workloadIdentity() != null ? Map.of() : Fingerprints.perKey(state.lineage(),
          SecretContents.of(c, spec.repositoryOf(c), connections.credentials(), d.knownHosts()));
      units.add(new Unit(c.address(), Unit.Kind.CLUSTER, c.name(),
          ClusterChecks.run(d, state, clusters.get(c.name()), errors.get(c.address()), fixes, wantedSecret)));
    }
    units.addAll(RemovedClusters.units(spec, state));
    return new DriftReport(spec.name(), spec.file() == null ? "" : spec.file().toString(), stateFile, state.lineage(),
        state.serial(), notes, units);
  }

  /**
   * The planner on this cluster alone, so one refused cluster does not hide the others' steps. A
   * cluster that could not be read, or is not the recorded one, is left out of the refresh: its
   * repository steps are still planned, its own are then not used.
   */
  private static void plan(Spec spec, State state, ClusterSpec c, DesiredCluster d, Map<String, Live.Repository> repos,
      Map<String, Live.Cluster> clusters, Fixes fixes) {
    RepositorySpec repo = spec.repositoryOf(c);
    Spec one = new Spec(spec.file(), spec.sourceText(), spec.name(), spec.stateFile(), Map.of(repo.name(), repo), Map.of(c.name(), c), spec.state());
    Map<String, Live.Repository> liveRepo = repos.containsKey(repo.name()) ? Map.of(repo.name(), repos.get(repo.name())) : Map.of();
    Live.Cluster lc = clusters.get(c.name());
    var recorded = state.resource(Addresses.cluster(c.name()));
    boolean sameCluster = lc != null && (recorded == null || recorded.get("uid") == null || recorded.get("uid").equals(lc.identity().uid()));
    Map<String, Live.Cluster> liveCluster = sameCluster ? Map.of(c.name(), lc) : Map.of();
    try {
      // this cluster only: the others (and those in state but not in the spec) are checked on their own
      Plan plan = new Planner().plan(one, state, Map.of(c.name(), d), new Live(liveRepo, liveCluster), List.of(), java.util.Set.of(),
          new io.fluxstrap.plan.Teardown(false, false, false, false, false, java.util.Set.of(c.name())));
      fixes.add(sameCluster ? plan.steps() : plan.steps().stream().filter(s -> !s.address().startsWith(c.address() + ".")
          || s.address().equals(Addresses.manifests(c.name()))).toList());
    } catch (UserException e) {
      fixes.refused(c.name(), e.getMessage());
    }
  }

  private static List<ClusterSpec> users(Spec spec, RepositorySpec r) {
    return spec.clusters().values().stream().filter(c -> c.repository().equals(r.name())).toList();
  }
}
