package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's state surgery on plain data: each operation returns the next state (serial + 1,
 * same lineage) or refuses with what to do instead. An address names itself and everything under
 * it: {@code cluster.dev} is {@code cluster.dev} and {@code cluster.dev.*}.
 */
public final class StateSurgery {
  private StateSurgery() {}

  /** The addresses {@code address} covers in {@code state}, sorted. */
  public static List<String> covered(State state, String address) {
    List<String> out = new ArrayList<>();
    for (String a : state.resources().keySet()) if (a.equals(address) || a.startsWith(address + ".")) out.add(a);
    return out;
  }

  /** Forgets what {@code addresses} cover; each must cover something. */
  public static State rm(State state, List<String> addresses) {
    List<String> gone = new ArrayList<>();
    for (String address : addresses) {
      List<String> c = covered(state, address);
      if (c.isEmpty()) throw new UserException("no resource " + address + " in state; `fluxstrap state list` shows what there is");
      gone.addAll(c);
    }
    return state.without(gone);
  }

  /** Renames {@code from} (and all under it) to {@code to}; refuses when {@code to} is taken or the kinds differ. */
  public static State mv(State state, String from, String to) {
    List<String> moving = covered(state, from);
    if (moving.isEmpty()) throw new UserException("no resource " + from + " in state; `fluxstrap state list` shows what there is");
    if (!kind(from).equals(kind(to)) || depth(from) != depth(to)) {
      throw new UserException("cannot move " + from + " to " + to + ": both must be the same kind of address (such as cluster.OLD to cluster.NEW)");
    }
    if (!covered(state, to).isEmpty()) throw new UserException("cannot move " + from + " to " + to + ": " + to + " is already in state; `fluxstrap state rm " + to + "` first if it is stale");
    Map<String, ResourceState> next = new TreeMap<>(state.resources());
    for (String a : moving) next.put(to + a.substring(from.length()), next.remove(a));
    return new State(State.FORMAT_VERSION, state.serial() + 1, state.lineage(), state.writer(), next);
  }

  /**
   * The state to write for {@code state push}: {@code pushed} as the successor of {@code current}.
   * Refused, unless {@code force}, when it belongs to another lineage or is older than what is stored.
   * Forced across lineages, it takes the stored lineage (the store never mixes histories), so secret
   * fingerprints recorded under the other lineage are recomputed by the next apply.
   */
  public static State push(State current, State pushed, boolean force) {
    if (current == null) return pushed;
    if (!current.lineage().equals(pushed.lineage()) && !force) {
      throw new UserException("refusing to push: the file belongs to another state history (lineage " + pushed.lineage()
          + ") than the stored state (lineage " + current.lineage() + "); pass -force to replace it anyway");
    }
    if (pushed.serial() < current.serial() && !force) {
      throw new UserException("refusing to push: the file has serial " + pushed.serial() + ", older than the stored serial " + current.serial()
          + " (someone applied since it was pulled); pass -force to replace it anyway");
    }
    if (current.lineage().equals(pushed.lineage()) && pushed.serial() == current.serial() && pushed.resources().equals(current.resources())) {
      return null; // the same state: nothing to write
    }
    long serial = Math.max(current.serial() + 1, pushed.serial());
    return new State(State.FORMAT_VERSION, serial, current.lineage(), pushed.writer(), pushed.resources());
  }

  private static String kind(String address) {
    int dot = address.indexOf('.');
    return dot < 0 ? address : address.substring(0, dot) + (depth(address) > 1 ? address.substring(address.lastIndexOf('.')) : "");
  }

  private static int depth(String address) {
    return address.split("\\.", -1).length - 1;
  }
}
