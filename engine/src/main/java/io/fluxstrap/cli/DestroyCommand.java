package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * Takes Flux off the clusters in state (all, or the -target ones), as {@code terraform destroy}:
 * shows the plan, asks for "yes" unless --auto-approve, and records each step as it completes.
 * The same as {@code plan -destroy -out FILE} then {@code apply FILE}.
 */
final class DestroyCommand implements Command {
  @Override
  public String name() {
    return "destroy";
  }

  @Override
  public String usage() {
    return "destroy -f SPEC [--auto-approve] [-target=cluster.NAME]... [--prune-workloads] [--keep-crds] [--keep-namespace] [--keep-repository-files] [-parallelism=N] [--state FILE]";
  }

  @Override
  public String summary() {
    return "take Flux off the clusters in state (plan -destroy, then apply)";
  }

  @Override
  public Options options() {
    Options o = new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig()).addOption(Flags.noColor()).addOption(Flags.refresh())
        .addOption(Flags.autoApprove()).addOption(Flags.target()).addOption(Flags.parallelism());
    Flags.teardown().forEach(o::addOption);
    return o;
  }

  @Override
  public int run(CommandLine line, Io io) {
    if (!line.getArgList().isEmpty()) {
      throw new UserException("destroy takes no arguments (got " + String.join(" ", line.getArgList())
          + "); to apply a saved destroy plan, run fluxstrap apply FILE");
    }
    Flags.requireFile(line, name());
    return new ApplyCommand().run(line, io, java.util.Set.of(), true);
  }
}
