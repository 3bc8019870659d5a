package io.fluxstrap.cli;

import io.fluxstrap.spec.Spec;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** Checks a spec (schema and semantics) without touching anything; reads no credentials. */
final class ValidateCommand implements Command {
  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return "validate -f SPEC";
  }

  @Override
  public String summary() {
    return "check a spec: every error as FILE:LINE:COLUMN";
  }

  @Override
  public Options options() {
    return new Options().addOption(Flags.file()).addOption(Flags.noColor());
  }

  @Override
  public int run(CommandLine line, Io io) {
    Spec spec = new Workspace(io).loadSpec(Flags.requireFile(line, name()));
    io.out().println("The spec " + spec.file().getFileName() + " is valid: " + spec.repositories().size() + " repositor"
        + (spec.repositories().size() == 1 ? "y" : "ies") + ", " + spec.clusters().size() + " cluster" + (spec.clusters().size() == 1 ? "" : "s") + ".");
    return ExitCode.OK;
  }
}
