package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateCodec;
import io.fluxstrap.state.StateStore;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code state list} and {@code state show ADDR} (read-only), {@code state pull} (the state as JSON
 * on stdout), and Terraform's surgery: {@code state rm ADDRESS...}, {@code state mv OLD NEW},
 * {@code state push FILE}. Surgery holds the lock, bumps the serial and keeps the backup; it never
 * touches a cluster or a repository.
 */
final class StateCommand implements Command {
  @Override
  public String name() {
    return "state";
  }

  @Override
  public String usage() {
    return "state (list | show ADDRESS | pull | rm ADDRESS... | mv OLD NEW | push [-force] FILE | migrate --to-backend NAME [--to-config KEY=VALUE]...) [-f SPEC | --state FILE]";
  }

  @Override
  public String summary() {
    return "list, show, pull, push, rm or mv what state recorded (never secrets); migrate it to another backend";
  }

  @Override
  public Options options() {
    return new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig())
        .addOption(org.apache.commons.cli.Option.builder("force").longOpt("force").desc("state push: replace the stored state even from another lineage or an older serial").get())
        .addOption(org.apache.commons.cli.Option.builder().longOpt("to-backend").hasArg().argName("NAME")
            .desc("state migrate: the destination backend (local, azurerm or kubernetes)").get())
        .addOption(org.apache.commons.cli.Option.builder().longOpt("to-config").hasArg().argName("KEY=VALUE")
            .desc("state migrate: a destination setting over the spec's state.<backend> block; repeatable").get());
  }

  @Override
  public int run(CommandLine line, Io io) {
    List<String> args = line.getArgList();
    if (args.isEmpty()) throw new UserException("usage: fluxstrap " + usage());
    if (args.get(0).equals("migrate")) {
      if (args.size() != 1) throw new UserException("usage: fluxstrap state migrate -f SPEC --to-backend NAME [--to-config KEY=VALUE]...");
      return new StateMigration(io).run(line);
    }
    StateStore store = storeFor(line, io);
    if (List.of("rm", "mv", "push").contains(args.get(0))) return new StateSurgeryCommand(store, io).run(args, line.hasOption("force"));
    State state = store.read().orElseThrow(() -> new UserException("no state in " + store.describe() + " yet; run apply first"));
    switch (args.get(0)) {
      case "list" -> {
        if (args.size() != 1) throw new UserException("usage: fluxstrap state list");
        state.resources().keySet().forEach(io.out()::println);
      }
      case "show" -> {
        if (args.size() != 2) throw new UserException("usage: fluxstrap state show ADDRESS");
        ResourceState r = state.resource(args.get(1));
        if (r == null) {
          throw new UserException("no resource " + args.get(1) + " in state; `fluxstrap state list` shows what there is");
        }
        io.out().println("# " + args.get(1) + " (" + r.type() + ")");
        int width = r.attributes().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, String> e : r.attributes().entrySet()) {
          io.out().println(e.getKey() + " ".repeat(width - e.getKey().length()) + " = " + e.getValue());
        }
      }
      case "pull" -> {
        if (args.size() != 1) throw new UserException("usage: fluxstrap state pull");
        io.out().print(new String(StateCodec.encode(state), java.nio.charset.StandardCharsets.UTF_8));
      }
      default -> throw new UserException("unknown state subcommand '" + args.get(0) + "': use list, show, pull, push, rm, mv or migrate");
    }
    return ExitCode.OK;
  }

  static StateStore storeFor(CommandLine line, Io io) {
    Workspace ws = new Workspace(io);
    if (line.hasOption("f")) return ws.store(ws.loadSpec(line.getOptionValue("f")), StateChoice.of(line));
    return ws.storeWithoutSpec(StateChoice.of(line));
  }
}
