package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adopts what is live (e.g. made by {@code flux bootstrap git}) into state, as apply would have
 * recorded it. Decides only: the caller writes the result under the lock. Addresses already in
 * state are kept as they are (refresh-only updates those), so importing twice adds nothing.
 */
public final class Importer {
  /** The state to write ({@code state} unchanged when nothing is new), what was added and what was already there. */
  public record Result(State state, List<String> added, List<String> alreadyRecorded) {
    public Result {
      added = List.copyOf(added);
      alreadyRecorded = List.copyOf(alreadyRecorded);
    }

    public boolean changed() {
      return !added.isEmpty();
    }
  }

  private Importer() {}

  public static Result importLive(Spec spec, State state, Live live) {
    for (ClusterSpec c : spec.clusters().values()) {
      Live.Cluster lc = live.clusters().get(c.name());
      ResourceState recorded = state.resource(Addresses.cluster(c.name()));
      if (lc != null && recorded != null) {
        Planner.refuseOtherCluster(c.address(), recorded.get("uid"), lc.identity().uid(), lc.identity().server());
      }
    }
    Map<String, ResourceState> resources = new TreeMap<>(state.resources());
    List<String> added = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, ResourceState> e : StateFromLive.of(spec, live).entrySet()) {
      if (resources.containsKey(e.getKey())) {
        kept.add(e.getKey());
      } else {
        resources.put(e.getKey(), e.getValue());
        added.add(e.getKey());
      }
    }
    if (added.isEmpty()) return new Result(state, added, kept);
    State next = new State(State.FORMAT_VERSION, state.serial() + 1, state.lineage(), state.writer(), resources);
    return new Result(next, added, kept);
  }
}
