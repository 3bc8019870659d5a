package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateCodec;
import io.fluxstrap.state.StateStore;
import io.fluxstrap.state.StateSurgery;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** {@code state rm | mv | push}: under the state lock, one write (serial + 1, the previous state kept as the backup). */
final class StateSurgeryCommand {
  private final StateStore store;
  private final Io io;

  StateSurgeryCommand(StateStore store, Io io) {
    this.store = store;
    this.io = io;
  }

  int run(List<String> args, boolean force) {
    String op = args.get(0);
    List<String> rest = args.subList(1, args.size());
    if (op.equals("rm") && rest.isEmpty()) throw new UserException("usage: fluxstrap state rm ADDRESS...");
    if (op.equals("mv") && rest.size() != 2) throw new UserException("usage: fluxstrap state mv OLD NEW");
    if (op.equals("push") && rest.size() != 1) throw new UserException("usage: fluxstrap state push [-force] FILE");
    if (force && !op.equals("push")) throw new UserException("-force is for state push only");
    State pushed = op.equals("push") ? readFile(rest.get(0)) : null;
    LockInfo lock = store.lock("state " + op);
    Signals.current().holding(store, lock);
    try {
      State current = store.read().orElse(null);
      if (current == null && !op.equals("push")) throw new UserException("no state in " + store.describe() + " yet; nothing to " + op);
      State next = switch (op) {
        case "rm" -> StateSurgery.rm(current, rest);
        case "mv" -> StateSurgery.mv(current, rest.get(0), rest.get(1));
        default -> StateSurgery.push(current, pushed, force);
      };
      if (next == null) {
        io.out().println("The state in " + store.describe() + " is already this one; nothing pushed.");
        return ExitCode.OK;
      }
      store.write(next);
      switch (op) {
        case "rm" -> {
          for (String a : rest) for (String c : StateSurgery.covered(current, a)) io.out().println("Removed " + c);
          io.out().println("Successfully removed " + (current.resources().size() - next.resources().size())
              + " resource(s) from state (nothing on any cluster or repository changed). State serial " + next.serial() + ".");
        }
        case "mv" -> io.out().println("Move \"" + rest.get(0) + "\" to \"" + rest.get(1) + "\"\nSuccessfully moved "
            + StateSurgery.covered(current, rest.get(0)).size() + " resource(s). State serial " + next.serial() + ".");
        default -> io.out().println("Pushed " + rest.get(0) + " to " + store.describe() + " (serial " + next.serial() + ").");
      }
      return ExitCode.OK;
    } finally {
      Signals.current().released(lock);
      store.unlock(lock);
    }
  }

  private State readFile(String file) {
    var path = new Workspace(io).resolve(file);
    try {
      return StateCodec.decode(Files.readAllBytes(path), file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserException("state file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
