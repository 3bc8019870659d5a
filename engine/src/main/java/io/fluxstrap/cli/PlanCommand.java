package io.fluxstrap.cli;

import io.fluxstrap.cli.view.PlanView;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.PlanCodec;
import io.fluxstrap.plan.PlanMaker;
import io.fluxstrap.plan.Targets;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Shows what apply would do; changes nothing. Can save the plan for a later apply. */
final class PlanCommand implements Command {
  @Override
  public String name() {
    return "plan";
  }

  @Override
  public String usage() {
    return "plan -f SPEC [-destroy] [-target=cluster.NAME]... [-out FILE] [--json] [--refresh=false | --refresh-only] [-replace=ADDRESS]... [--accept-host-key] [--allow-downgrade] [--skip-api-check] [--detailed-exitcode] [-parallelism=N] [--state FILE]";
  }

  @Override
  public String summary() {
    return "show the steps apply would take (changes nothing)";
  }

  @Override
  public Options options() {
    Options o = new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig()).addOption(Flags.json()).addOption(Flags.noColor())
        .addOption(Flags.refresh()).addOption(Flags.refreshOnly()).addOption(Flags.replace()).addOption(Flags.acceptHostKey())
        .addOption(Flags.allowDowngrade()).addOption(Flags.skipApiCheck())
        .addOption(Flags.parallelism())
        .addOption(Option.builder("out").longOpt("out").hasArg().argName("FILE").desc("save the plan to FILE for `fluxstrap apply FILE`").get())
        .addOption(Option.builder().longOpt("detailed-exitcode").desc("exit 0 when no changes, 2 when there are changes, 1 on error").get())
        .addOption(Option.builder("destroy").longOpt("destroy").desc("plan to destroy every cluster in state (or the -target ones); apply the saved plan to do it").get())
        .addOption(Flags.target());
    Flags.teardown().forEach(o::addOption);
    return o;
  }

  @Override
  public int run(CommandLine line, Io io) {
    Workspace ws = new Workspace(io);
    Flags.checkRefreshOnly(line);
    if (line.hasOption("destroy") && line.hasOption("refresh-only")) throw new UserException("-destroy and --refresh-only contradict each other: give one");
    Spec full = ws.loadSpec(Flags.requireFile(line, name()));
    Targets targets = Flags.targets(line);
    Spec spec = targets.limit(full);
    int parallelism = Flags.parallelism(line);
    PlanMaker.Options options = Flags.planOptions(line, java.util.Set.of());
    Credentials credentials = ws.credentials(spec);
    StateStore store = ws.store(spec, StateChoice.of(line));
    State state = Workspace.readOrEmpty(store);
    Plan plan;
    try (Connections connections = ws.planConnections(credentials).withParallelism(parallelism)) {
      PlanMaker maker = new PlanMaker(connections, ws.components(), msg -> io.err().println(msg));
      plan = line.hasOption("refresh-only") ? maker.makeRefreshOnly(spec, state, options.today()).plan() : maker.make(spec, state, options).plan();
    }
    plan = targets.mark(plan);
    if (line.hasOption("out")) {
      SavedPlans.write(ws.resolve(line.getOptionValue("out")), plan);
    }
    if (line.hasOption("json")) io.out().print(PlanCodec.encode(plan));
    else {
      io.out().print(new PlanView(Flags.style(line, io)).render(plan));
      if (line.hasOption("out")) {
        io.out().println("\nSaved the plan to: " + line.getOptionValue("out") + "\nTo perform exactly these actions, run: fluxstrap apply " + line.getOptionValue("out"));
      }
    }
    return line.hasOption("detailed-exitcode") && !plan.noChanges() ? ExitCode.CHANGES : ExitCode.OK;
  }
}
