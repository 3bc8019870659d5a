package io.fluxstrap.plan;

import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Terraform's refresh-only mode: how state would change to match what is live, with no step that
 * touches a cluster or a repository. Only addresses already in state change (import adds new
 * ones); an address whose object is gone leaves state. Applying it is one state write.
 */
public final class RefreshOnly {
  private RefreshOnly() {}

  public static Plan plan(Spec spec, State state, Map<String, DesiredCluster> desired, Live live, List<String> warnings) {
    Observed observed = new Observed(state, live);
    for (var c : spec.clusters().values()) observed.checkIdentity(c);
    Map<String, ResourceState> fromLive = StateFromLive.of(spec, live);
    List<StateChange> changes = new ArrayList<>();
    for (String address : StateFromLive.addresses(spec)) {
      ResourceState recorded = state.resource(address);
      if (recorded == null) continue;
      ResourceState seen = fromLive.get(address);
      if (seen == null) {
        changes.add(new StateChange(address, ChangeKind.DELETE, recorded.type(), recorded.attributes(), Map.of()));
        continue;
      }
      Map<String, String> after = merge(address, recorded, seen, desired);
      if (!after.equals(recorded.attributes())) {
        changes.add(new StateChange(address, ChangeKind.UPDATE, recorded.type(), recorded.attributes(), after));
      }
    }
    return new Plan(Plan.FORMAT_VERSION, spec.file() == null ? "" : spec.file().toString(), spec.sourceText(),
        state.lineage(), state.serial(), true, List.of(), warnings, true, changes);
  }

  /**
   * What state keeps of {@code recorded} once it agrees with {@code seen}: attributes a refresh
   * cannot see stay (objects applied); the managed files are exactly those live; the commit that
   * wrote them changes only with them; a secret that changed on the cluster is marked accepted.
   */
  private static Map<String, String> merge(String address, ResourceState recorded, ResourceState seen, Map<String, DesiredCluster> desired) {
    Map<String, String> after = new TreeMap<>(recorded.attributes());
    if (recorded.type().equals("manifests")) {
      after.keySet().removeIf(k -> k.startsWith("file:"));
      Map<String, String> files = new TreeMap<>(seen.attributes());
      files.remove("commit");
      after.putAll(files);
      Map<String, String> recordedFiles = new TreeMap<>(recorded.attributes());
      recordedFiles.keySet().removeIf(k -> !k.startsWith("file:"));
      if (!recordedFiles.equals(files) || !after.containsKey("commit")) after.put("commit", seen.get("commit"));
      return after;
    }
    after.putAll(seen.attributes());
    if (recorded.type().equals("secret") && !Objects.equals(recorded.get("fingerprint"), seen.get("fingerprint"))) {
      String cluster = address.substring("cluster.".length(), address.length() - ".secret".length());
      DesiredCluster d = desired.get(cluster);
      if (d == null || d.secretFingerprint().equals(seen.get("fingerprint"))) after.remove(StateFromLive.ACCEPTED_FOR);
      else after.put(StateFromLive.ACCEPTED_FOR, d.secretFingerprint());
    }
    return after;
  }

  /** The state after a refresh-only plan: one write, serial + 1; unchanged when the plan has no changes. */
  public static State record(State state, Plan plan) {
    if (plan.stateChanges().isEmpty()) return state;
    Map<String, ResourceState> resources = new TreeMap<>(state.resources());
    for (StateChange c : plan.stateChanges()) {
      if (c.change() == ChangeKind.DELETE) resources.remove(c.address());
      else resources.put(c.address(), new ResourceState(c.type(), c.after()));
    }
    return new State(State.FORMAT_VERSION, state.serial() + 1, state.lineage(), state.writer(), resources);
  }
}
