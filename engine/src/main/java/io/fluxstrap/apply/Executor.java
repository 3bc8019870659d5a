package io.fluxstrap.apply;

import io.fluxstrap.git.GitFailure;
import io.fluxstrap.kube.KubeFailure;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import io.fluxstrap.fleet.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Acts; never decides. Runs a plan's steps, each idempotently (server-side apply, pushes that skip
 * identical trees), persisting state after each group of steps, so a run killed at any point is
 * finished by the next apply without duplicates. Before the first step it checks that the
 * credentials can push and that the user may administer each cluster touched.
 */
public final class Executor {
  private final Connections connections;
  private final StateStore store;
  private final ExecutionListener listener;
  private final HealthWaiter health;
  private final KeyRegistration registration;
  private Cancellation cancellation = new Cancellation();

  public Executor(Connections connections, StateStore store, ExecutionListener listener, HealthWaiter health) {
    this(connections, store, listener, health, KeyRegistration.REFUSE);
  }

  public Executor(Connections connections, StateStore store, ExecutionListener listener, HealthWaiter health, KeyRegistration registration) {
    this.connections = connections;
    this.store = store;
    this.listener = listener;
    this.health = health;
    this.registration = registration;
  }

  /** Stops the run at the next step boundary once {@code c} is requested (see {@link Interrupted}). */
  public Executor stopWhen(Cancellation c) {
    this.cancellation = c;
    return this;
  }

  /**
   * Applies {@code plan} made from {@code spec}; returns the final state. Key, trust, repository
   * (one commit and one push per repository) and destroy steps run first, in order, each persisted; then
   * each cluster's own steps run in order, clusters in parallel (the connections' scheduler),
   * state persisted after each cluster's group. A failing cluster stops only its own later steps;
   * the others complete, and {@link ClusterFailures} then lists every failed cluster. Last, only
   * when every cluster succeeded, the tail runs in order, each step persisted: the removal of moved
   * clusters' old folders (Flux is Ready at the new ones by then) and what is forgotten.
   *
   * @throws Interrupted when the cancellation was requested: every cluster stops at its next step
   *     boundary; the steps before are done and recorded
   */
  public State apply(Spec spec, Map<String, DesiredCluster> desired, Plan plan, State state) {
    Run run = new Run(spec, desired, connections, store, state, listener);
    List<Step> steps = plan.steps();
    int end = clusterGroupEnd(steps);
    int split = firstClusterGroupStep(steps, end);
    Map<String, KubeFailure> unreachable = Preflight.check(run, plan);
    run.persist(); // identities recorded by the preflight
    AtomicInteger completed = new AtomicInteger();
    for (int i = 0; i < split; i++) {
      runStep(run, steps.get(i), i, steps.size(), completed, true);
    }
    Map<String, List<Integer>> byCluster = new LinkedHashMap<>();
    for (int i = split; i < end; i++) {
      byCluster.computeIfAbsent(((Action.ClusterAction) steps.get(i).action()).cluster(), k -> new ArrayList<>()).add(i);
    }
    HealthWaiter.readHeads(run, byCluster.keySet());
    List<Scheduler.Outcome<Void>> outcomes = connections.scheduler().run(List.copyOf(byCluster.keySet()), cluster -> {
      if (unreachable.containsKey(cluster)) {
        connections.release(cluster);
        throw new StepFailure(Addresses.cluster(cluster), completed.get(), unreachable.get(cluster));
      }
      try {
        for (int i : byCluster.get(cluster)) runStep(run, steps.get(i), i, steps.size(), completed, false);
        return null;
      } finally {
        try {
          run.persist();
        } finally {
          connections.release(cluster);
        }
      }
    });
    List<StepFailure> failures = new ArrayList<>();
    for (Scheduler.Outcome<Void> o : outcomes) {
      if (o.ok() || o.failure() instanceof Interrupted) continue;
      if (o.failure() instanceof StepFailure f) failures.add(f);
      else throw o.failure();
    }
    if (outcomes.stream().anyMatch(o -> o.failure() instanceof Interrupted)) throw new Interrupted(completed.get(), steps.size());
    if (failures.size() == 1 && byCluster.size() == 1) throw failures.get(0); // one cluster: as a sequential run fails
    if (!failures.isEmpty()) throw new ClusterFailures(failures, byCluster.size(), completed.get());
    // After every cluster is done and healthy (a failure above stops here): moved clusters' old folders, forgetting.
    for (int i = end; i < steps.size(); i++) runStep(run, steps.get(i), i, steps.size(), completed, true);
    return run.state();
  }

  /**
   * Where the cluster group ends: at the first removal of a moved cluster's old folder (what follows
   * runs once every cluster is done, in order), else at the end of the plan.
   */
  private static int clusterGroupEnd(List<Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).action() instanceof Action.RemoveManifests r && r.moved()) return i;
    }
    return steps.size();
  }

  /** Steps from this index up to {@code end} are cluster steps (namespace, secret, components, sync, health) only. */
  private static int firstClusterGroupStep(List<Step> steps, int end) {
    int split = end;
    while (split > 0 && steps.get(split - 1).action() instanceof Action.ClusterAction) split--;
    return split;
  }

  /** {@code durable}: persist the state before the step reports done (repository and destroy steps, one thread). */
  private void runStep(Run run, Step step, int index, int total, AtomicInteger completed, boolean durable) {
    if (cancellation.requested()) throw new Interrupted(completed.get(), total);
    listener.started(step, index + 1, total);
    String outcome;
    try {
      outcome = execute(run, step);
    } catch (GitFailure | KubeFailure | HealthFailure e) {
      run.persist(); // what finished before this step stays recorded
      throw new StepFailure(step.address(), completed.get(), e);
    }
    if (durable) run.persist(); // no write when the step recorded nothing
    completed.incrementAndGet();
    listener.finished(step, outcome);
  }

  private String execute(Run run, Step step) {
    return step.action().accept(new Action.Visitor<String>() {
      @Override
      public String generateKey(Action.GenerateKey a) {
        return KeySteps.generate(run, a, registration);
      }

      @Override
      public String trustHostKey(Action.TrustHostKey a) {
        return KeySteps.trust(run, a);
      }

      @Override
      public String renderManifests(Action.RenderManifests a) {
        return RepositorySteps.render(run, a);
      }

      @Override
      public String commit(Action.Commit a) {
        return RepositorySteps.commit(run, a);
      }

      @Override
      public String push(Action.Push a) {
        return RepositorySteps.push(run, a);
      }

      @Override
      public String createNamespace(Action.CreateNamespace a) {
        return ClusterSteps.namespace(run, a);
      }

      @Override
      public String applySecret(Action.ApplySecret a) {
        return ClusterSteps.secret(run, a);
      }

      @Override
      public String applyComponents(Action.ApplyComponents a) {
        return ClusterSteps.components(run, a);
      }

      @Override
      public String applySync(Action.ApplySync a) {
        return ClusterSteps.sync(run, a);
      }

      @Override
      public String waitHealthy(Action.WaitHealthy a) {
        if (run.registeredOutOfBand.contains(a.cluster())) {
          return "skipped: the new SSH key is registered out of band; once it is, `fluxstrap drift` checks Flux is Ready";
        }
        return health.await(run, a);
      }

      @Override
      public String suspendSync(Action.SuspendSync a) {
        return DestroySteps.suspend(run, a);
      }

      @Override
      public String pruneWorkloads(Action.PruneWorkloads a) {
        return DestroySteps.prune(run, a);
      }

      @Override
      public String deleteSync(Action.DeleteSync a) {
        return DestroySteps.deleteSync(run, a);
      }

      @Override
      public String deleteComponents(Action.DeleteComponents a) {
        return DestroySteps.deleteComponents(run, a);
      }

      @Override
      public String deleteSecret(Action.DeleteSecret a) {
        return DestroySteps.deleteSecret(run, a);
      }

      @Override
      public String deleteNamespace(Action.DeleteNamespace a) {
        return DestroySteps.deleteNamespace(run, a);
      }

      @Override
      public String removeManifests(Action.RemoveManifests a) {
        return RepositorySteps.remove(run, a);
      }

      @Override
      public String forgetCluster(Action.ForgetCluster a) {
        return DestroySteps.forgetCluster(run, a);
      }

      @Override
      public String forgetRepository(Action.ForgetRepository a) {
        return DestroySteps.forgetRepository(run, a);
      }

      @Override
      public String forgetHostKey(Action.ForgetHostKey a) {
        run.forget(io.fluxstrap.plan.Addresses.sshHost(new io.fluxstrap.plan.SshEndpoint(a.host(), a.port())));
        return "removed from state";
      }
    });
  }
}
