package io.fluxstrap.apply;

import io.fluxstrap.git.GitFailure;
import io.fluxstrap.kube.KubeFailure;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.util.List;
import java.util.Map;

/**
 * Acts; never decides. Runs a plan's steps in order, each idempotently (server-side apply, pushes
 * that skip identical trees), persisting state after each, so a run killed at any point is
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
   * Applies {@code plan} made from {@code spec}; returns the final state.
   *
   * @throws Interrupted when the cancellation was requested: the steps before are done and recorded
   */
  public State apply(Spec spec, Map<String, DesiredCluster> desired, Plan plan, State state) {
    Run run = new Run(spec, desired, connections, store, state, listener);
    Preflight.check(run, plan);
    List<Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (cancellation.requested()) throw new Interrupted(i, steps.size());
      Step step = steps.get(i);
      listener.started(step, i + 1, steps.size());
      String outcome;
      try {
        outcome = execute(run, step);
      } catch (GitFailure | KubeFailure | HealthFailure e) {
        throw new StepFailure(step.address(), i, e);
      }
      listener.finished(step, outcome);
    }
    return run.state();
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
    });
  }
}
