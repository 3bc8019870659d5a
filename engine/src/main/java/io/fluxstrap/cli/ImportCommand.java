package io.fluxstrap.cli;

import io.fluxstrap.cli.view.ImportView;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.plan.Importer;
import io.fluxstrap.plan.Live;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.PlanMaker;
import io.fluxstrap.plan.Planner;
import io.fluxstrap.plan.Refresher;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * Adopts clusters bootstrapped by {@code flux bootstrap git}: reads each cluster and repository,
 * records what is there in state (under the lock, as apply would have recorded it) without
 * changing either, then says what the next apply would do about differences from the spec.
 */
final class ImportCommand implements Command {
  @Override
  public String name() {
    return "import";
  }

  @Override
  public String usage() {
    return "import -f SPEC [--auto-approve] [--state FILE]";
  }

  @Override
  public String summary() {
    return "record clusters bootstrapped by the Flux CLI in state (changes no cluster or repository)";
  }

  @Override
  public Options options() {
    return new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig()).addOption(Flags.noColor()).addOption(Flags.autoApprove());
  }

  @Override
  public int run(CommandLine line, Io io) {
    if (!line.getArgList().isEmpty()) throw new io.fluxstrap.diag.UserException("import takes no arguments besides its flags, got '" + line.getArgList().get(0) + "'");
    Workspace ws = new Workspace(io);
    Style style = Flags.style(line, io);
    String specArg = Flags.requireFile(line, name());
    Spec spec = ws.loadSpec(specArg);
    boolean autoApprove = line.hasOption("auto-approve");
    Confirmation.requirePossible(io, autoApprove, "import");
    var credentials = ws.credentials(spec);
    StateStore store = ws.store(spec, StateChoice.of(line));
    LockInfo lock = store.lock("import");
    Signals.current().holding(store, lock);
    try (Connections connections = ws.connections(credentials)) {
      State state = Workspace.readOrEmpty(store);
      Map<String, DesiredCluster> desired = new PlanMaker(connections, ws.components(), msg -> {}).desiredTrusted(spec, state);
      Live live = new Refresher(connections, msg -> io.err().println(style.dim(msg))).refresh(spec, state.lineage());
      Importer.Result imported = Importer.importLive(spec, state, live);
      // Planned before anything is written, so a spec that cannot apply to this cluster (another path) imports nothing.
      Plan next = new Planner().plan(spec, imported.state(), desired, live);
      ImportView view = new ImportView(style);
      io.out().print(view.recorded(imported.added(), imported.alreadyRecorded()));
      if (imported.changed()) {
        if (!autoApprove && !Confirmation.ask(io, "Do you want to record these in state?")) {
          io.out().println("\nImport cancelled.");
          return ExitCode.ERROR;
        }
        store.write(imported.state());
        io.out().println("\n" + style.green(style.bold("Import complete!")) + " Recorded " + imported.added().size() + " resource"
            + (imported.added().size() == 1 ? "" : "s") + "; nothing on the clusters or in the repositories was changed. State serial "
            + imported.state().serial() + " in " + store.describe() + ".");
      }
      io.out().print("\n" + view.nextApply(next, specArg));
      return ExitCode.OK;
    } finally {
      Signals.current().released(lock);
      store.unlock(lock);
    }
  }
}
