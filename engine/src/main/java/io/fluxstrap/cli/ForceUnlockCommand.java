package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.StateStore;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** Removes a stale state lock left by a dead run; the lock ID must match. */
final class ForceUnlockCommand implements Command {
  @Override
  public String name() {
    return "force-unlock";
  }

  @Override
  public String usage() {
    return "force-unlock LOCK_ID [-f SPEC | --state FILE]";
  }

  @Override
  public String summary() {
    return "remove the state lock of a run that died";
  }

  @Override
  public Options options() {
    return new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig());
  }

  @Override
  public int run(CommandLine line, Io io) {
    if (line.getArgList().size() != 1) throw new UserException("usage: fluxstrap " + usage());
    StateStore store = StateCommand.storeFor(line, io);
    store.forceUnlock(line.getArgList().get(0));
    io.out().println("Lock " + line.getArgList().get(0) + " removed from " + store.describe() + ".");
    return ExitCode.OK;
  }
}
