package io.fluxstrap.cli;

import io.fluxstrap.cli.view.StateChangeView;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.PlanMaker;
import io.fluxstrap.plan.RefreshOnly;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code apply --refresh-only} and applying a saved refresh-only plan: under the state lock, read
 * what is live (or take the saved plan as reviewed), confirm, and write it into state in one
 * write. Nothing here can reach a step that changes a cluster or a repository.
 */
final class RefreshOnlyApply {
  private final Workspace ws;
  private final Io io;
  private final Style style;

  RefreshOnlyApply(Workspace ws, Io io, Style style) {
    this.ws = ws;
    this.io = io;
    this.style = style;
  }

  /** {@code saved} null: plan now from {@code spec}; else apply the saved refresh-only plan if state has not moved. */
  int run(Spec spec, Plan saved, StateChoice stateChoice, boolean autoApprove) {
    if (saved == null) Confirmation.requirePossible(io, autoApprove, "apply --refresh-only");
    StateStore store = ws.store(spec, stateChoice);
    LockInfo lock = store.lock("apply --refresh-only");
    Signals.current().holding(store, lock);
    try {
      State state = store.read().orElse(null);
      Plan plan;
      if (saved != null) {
        ApplyCommand.checkNotStale(saved, state);
        plan = saved;
      } else if (state == null) {
        io.out().println(style.green(style.bold("No changes.")) + " No state in " + store.describe()
            + " yet, so there is nothing to refresh (fluxstrap import or apply records it first).");
        return ExitCode.OK;
      } else {
        try (Connections connections = ws.connections(ws.credentials(spec))) {
          PlanMaker maker = new PlanMaker(connections, ws.components(), msg -> io.err().println(style.dim(msg)));
          plan = maker.makeRefreshOnly(spec, state, LocalDate.now(ZoneOffset.UTC)).plan();
        }
        io.out().print(new StateChangeView(style).render(plan));
        if (plan.noChanges()) return ExitCode.OK;
        if (!autoApprove && !Confirmation.ask(io, "Do you want to record these values in state?")) {
          io.out().println("\nApply cancelled.");
          return ExitCode.ERROR;
        }
      }
      if (plan.noChanges() || state == null) {
        io.out().println("No changes. Nothing to record.");
        return ExitCode.OK;
      }
      State next = RefreshOnly.record(state, plan);
      store.write(next);
      io.out().println("\n" + style.green(style.bold("Apply complete!")) + " " + StateChangeView.applied(plan)
          + " Nothing on the clusters or in the repositories was changed. State serial " + next.serial() + " in " + store.describe() + ".");
      return ExitCode.OK;
    } finally {
      Signals.current().released(lock);
      store.unlock(lock);
    }
  }
}
