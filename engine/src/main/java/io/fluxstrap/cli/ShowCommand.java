package io.fluxstrap.cli;

import io.fluxstrap.cli.view.PlanView;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.PlanCodec;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** Shows a saved plan, for a person or (with --json) a machine. */
final class ShowCommand implements Command {
  @Override
  public String name() {
    return "show";
  }

  @Override
  public String usage() {
    return "show PLANFILE [--json]";
  }

  @Override
  public String summary() {
    return "show a saved plan";
  }

  @Override
  public Options options() {
    return new Options().addOption(Flags.json()).addOption(Flags.noColor());
  }

  @Override
  public int run(CommandLine line, Io io) {
    if (line.getArgList().size() != 1) throw new io.fluxstrap.diag.UserException("usage: fluxstrap " + usage());
    Plan plan = SavedPlans.read(new Workspace(io).resolve(line.getArgList().get(0)));
    if (line.hasOption("json")) io.out().print(PlanCodec.encode(plan));
    else io.out().print(new PlanView(Flags.style(line, io)).render(plan));
    return ExitCode.OK;
  }
}
