package io.fluxstrap.cli;

import io.fluxstrap.apply.Executor;
import io.fluxstrap.apply.HealthWaiter;
import io.fluxstrap.cli.view.PlanView;
import io.fluxstrap.cli.view.ProgressView;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.HostKeyResolver;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.PlanMaker;
import io.fluxstrap.plan.Targets;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.time.Clock;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * Plans and applies under the state lock, asking for "yes" first unless --auto-approve; or
 * applies a saved plan as reviewed, refusing it when the state moved since.
 */
final class ApplyCommand implements Command {
  @Override
  public String name() {
    return "apply";
  }

  @Override
  public String usage() {
    return "apply (-f SPEC [--auto-approve] [--refresh=false | --refresh-only] [-replace=ADDRESS]... [--accept-host-key] [--allow-downgrade] [--skip-api-check] | PLANFILE) [--key-registration=prompt|out-of-band] [-target=cluster.NAME]... [-parallelism=N] [--state FILE]";
  }

  @Override
  public String summary() {
    return "make the repositories and clusters match the spec";
  }

  @Override
  public Options options() {
    Options o = new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig()).addOption(Flags.noColor()).addOption(Flags.refresh())
        .addOption(Flags.replace()).addOption(Flags.acceptHostKey()).addOption(Flags.allowDowngrade()).addOption(Flags.skipApiCheck()).addOption(Flags.keyRegistration())
        .addOption(Flags.refreshOnly()).addOption(Flags.autoApprove()).addOption(Flags.target()).addOption(Flags.parallelism());
    Flags.teardown().forEach(o::addOption);
    return o;
  }

  @Override
  public int run(CommandLine line, Io io) {
    return run(line, io, java.util.Set.of());
  }

  /** {@code replace}: addresses to replace besides -replace (the rotate command's keys). */
  int run(CommandLine line, Io io, java.util.Set<String> replace) {
    return run(line, io, replace, false);
  }

  /** {@code destroyAll}: the destroy command (every cluster in state, or the -target ones). */
  int run(CommandLine line, Io io, java.util.Set<String> replace, boolean destroyAll) {
    Workspace ws = new Workspace(io);
    Style style = Flags.style(line, io);
    boolean fromPlan = !line.getArgList().isEmpty();
    if (fromPlan && line.hasOption("f")) throw new UserException("give either -f SPEC or a saved plan file, not both");
    if (line.getArgList().size() > 1) throw new UserException("apply takes one plan file, got " + line.getArgList().size());
    Plan saved = fromPlan ? SavedPlans.read(ws.resolve(line.getArgList().get(0))) : null;
    Flags.checkRefreshOnly(line);
    if (saved != null && line.hasOption("refresh-only") && !saved.refreshOnly()) {
      throw new UserException("plan file " + line.getArgList().get(0) + " is not a refresh-only plan: apply it without --refresh-only,"
          + " or make one with fluxstrap plan --refresh-only -out FILE");
    }
    Spec full = fromPlan ? ws.parseSpec(saved.specFile(), saved.specText()) : ws.loadSpec(Flags.requireFile(line, name()));
    if (fromPlan && line.hasOption("target")) {
      throw new UserException("-target shapes a plan: give it to `fluxstrap plan`, not when applying a saved plan");
    }
    Targets targets = Flags.targets(line);
    Spec spec = targets.limit(full);
    int parallelism = Flags.parallelism(line);
    if (line.hasOption("refresh-only") || (saved != null && saved.refreshOnly())) {
      return new RefreshOnlyApply(ws, io, style).run(spec, saved, StateChoice.of(line), line.hasOption("auto-approve"));
    }
    boolean outOfBand = Flags.outOfBand(line);
    if (fromPlan && (line.hasOption("replace") || !replace.isEmpty() || line.hasOption("accept-host-key")
        || line.hasOption("allow-downgrade") || line.hasOption("skip-api-check"))) {
      throw new UserException("-replace, --accept-host-key, --allow-downgrade and --skip-api-check shape a plan: give them to `fluxstrap plan`, not when applying a saved plan");
    }
    if (fromPlan && (line.hasOption("target") || Flags.teardown().stream().anyMatch(o -> line.hasOption(o.getLongOpt())))) {
      throw new UserException("-target and the destroy flags shape a plan: give them to `fluxstrap plan`, not when applying a saved plan");
    }
    if (!fromPlan && !line.hasOption("auto-approve") && !io.terminal().interactive()) {
      throw new UserException("apply asks for confirmation, but stdin is not a terminal; review with `fluxstrap plan` and re-run with --auto-approve,"
          + " or apply a saved plan (fluxstrap plan -out FILE; fluxstrap apply FILE)");
    }
    Credentials credentials = ws.credentials(spec);
    StateStore store = ws.store(full, StateChoice.of(line));
    LockInfo lock = store.lock("apply");
    Signals.current().holding(store, lock);
    try (Connections connections = ws.connections(credentials).withParallelism(parallelism)) {
      State state = store.read().orElse(null);
      PlanMaker maker = new PlanMaker(connections, ws.components(), msg -> io.err().println(style.dim(msg)));
      Plan plan;
      Map<String, DesiredCluster> desired;
      if (fromPlan) {
        checkNotStale(saved, state);
        plan = saved;
        if (state == null) state = new State(State.FORMAT_VERSION, 0, saved.stateLineage(), Workspace.writer(), Map.of());
        connections.trust(HostKeyResolver.fromPlan(spec, state, saved));
        desired = maker.desired(spec, state.lineage(), connections.trusted());
      } else {
        if (state == null) state = State.empty(Workspace.writer());
        PlanMaker.Result result = maker.make(spec, state, Flags.planOptions(line, replace, destroyAll));
        plan = targets.mark(result.plan());
        desired = result.desired();
        io.out().print(new PlanView(style).render(plan));
        if (plan.noChanges()) return ExitCode.OK;
        if (!line.hasOption("auto-approve") && !confirm(io)) {
          io.out().println("\nApply cancelled.");
          return ExitCode.ERROR;
        }
      }
      if (plan.noChanges()) {
        io.out().println("No changes. Nothing to apply.");
        return ExitCode.OK;
      }
      boolean generates = plan.steps().stream().anyMatch(s -> s.action() instanceof Action.GenerateKey);
      if (generates && !outOfBand && !io.terminal().interactive()) {
        throw new UserException("this apply generates an SSH key whose public key must be registered with the Git host before Flux can pull,"
            + " and stdin is not a terminal to confirm it; re-run on a terminal, or pass --key-registration=out-of-band"
            + " (the public key is printed and recorded in state for a pipeline to register). Nothing was changed");
      }
      State done;
      try {
        done = new Executor(connections, store, new ProgressView(io.err(), style, Clock.systemUTC()), HealthWaiter.system(),
            new KeyRegistrationPrompt(io, style, outOfBand))
            .stopWhen(Signals.current().applying())
            .apply(spec, desired, plan, state);
      } catch (io.fluxstrap.apply.StepFailure | io.fluxstrap.apply.ClusterFailures | io.fluxstrap.apply.Interrupted e) {
        // a saved destroy plan is finished by destroy (the plan itself is stale once a step is recorded)
        if (fromPlan && PlanView.destroysOnly(plan)) throw new Rerun("destroy", e);
        throw e;
      }
      String done0 = PlanView.destroysOnly(plan) ? "Destroy complete!" : "Apply complete!";
      io.out().println("\n" + style.green(style.bold(done0)) + " " + PlanView.applied(plan)
          + " State serial " + done.serial() + " in " + store.describe() + ".");
      if (Targets.targeted(plan)) io.out().println("\n" + style.yellow("Warning: ") + Targets.APPLY_WARNING);
      return ExitCode.OK;
    } finally {
      Signals.current().released(lock);
      store.unlock(lock);
    }
  }

  private static boolean confirm(Io io) {
    io.out().println("\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n");
    String answer = io.terminal().readLine("  Enter a value: ");
    return "yes".equals(answer == null ? null : answer.strip());
  }

  /** A saved plan applies only to the state it was made from. */
  static void checkNotStale(Plan plan, State state) {
    if (state == null) {
      if (plan.stateSerial() != 0) throw new UserException("stale plan: it was made against state serial " + plan.stateSerial() + ", but no state exists now; run plan again");
      return;
    }
    if (!state.lineage().equals(plan.stateLineage())) {
      throw new UserException("stale plan: it was made for another state (lineage " + plan.stateLineage() + ", state has " + state.lineage() + "); run plan again");
    }
    if (state.serial() != plan.stateSerial()) {
      throw new UserException("stale plan: the state changed since the plan was made (serial " + plan.stateSerial() + " then, " + state.serial() + " now); run plan again");
    }
  }
}
