package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * {@code state migrate --to-backend NAME [--to-config KEY=VALUE]...}: copies the state of the
 * spec's current store (as --state-backend / --state-config / --state choose it) to another
 * backend, lineage and serial kept. Both stores are locked throughout; the copy is read back and
 * compared before the source is marked as migrated (its last version stays its backup), so a
 * crash at any point leaves the source usable or the destination complete, never neither.
 */
final class StateMigration {
  private final Io io;

  StateMigration(Io io) {
    this.io = io;
  }

  int run(CommandLine line) {
    String toBackend = line.getOptionValue("to-backend");
    if (toBackend == null) throw new UserException("state migrate needs the destination: --to-backend local|azurerm|kubernetes [--to-config KEY=VALUE]...");
    Workspace ws = new Workspace(io);
    Spec spec = ws.loadSpec(Flags.requireFile(line, "state migrate"));
    Map<String, String> toConfig = StateChoice.of(line, "to-config");
    try (StateStore from = ws.store(spec, StateChoice.of(line)); StateStore to = ws.store(spec, new StateChoice(null, toBackend, toConfig))) {
      if (from.describe().equals(to.describe())) throw new UserException("state is already in " + to.describe() + "; nothing to migrate");
      LockInfo fromLock = from.lock("migrate");
      try {
        LockInfo toLock = to.lock("migrate");
        try {
          State state = from.read().orElseThrow(() -> new UserException("no state in " + from.describe() + " to migrate"));
          Optional<State> there = to.read();
          if (there.isPresent()) {
            throw new UserException(to.describe() + " already holds state (lineage " + there.get().lineage() + ", serial " + there.get().serial()
                + "); refusing to overwrite it");
          }
          to.write(state);
          State copied = to.read().orElse(null);
          if (!state.equals(copied)) throw new UserException("the copy in " + to.describe() + " does not read back equal; " + from.describe() + " is unchanged");
          from.markMigrated(state, to.describe());
          io.out().println("Migrated state serial " + state.serial() + " (lineage " + state.lineage() + ")\n  from " + from.describe()
              + "\n  to   " + to.describe() + "\nThe old state is marked as migrated. Point the spec at the new backend (state.backend: "
              + toBackend + " and its settings), or pass --state-backend " + toBackend + " with --state-config to every command.");
          return ExitCode.OK;
        } finally {
          to.unlock(toLock);
        }
      } finally {
        from.unlock(fromLock);
      }
    }
  }
}
