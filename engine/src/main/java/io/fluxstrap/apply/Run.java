package io.fluxstrap.apply;

import io.fluxstrap.git.CommitChange;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable context of one apply: what was rendered and pushed so far, and the state, written
 * through to the store after every change so that a killed run loses nothing it finished.
 */
final class Run {
  final Spec spec;
  final Map<String, DesiredCluster> desired;
  final Connections connections;
  final ExecutionListener listener;
  private final StateStore store;
  private State state;
  /** Files to commit per repository, in plan order. */
  final Map<String, List<CommitChange.FileWrite>> pending = new LinkedHashMap<>();
  /** Clusters whose files are pending per repository. */
  final Map<String, List<String>> pendingClusters = new LinkedHashMap<>();
  final Map<String, CommitChange> commits = new HashMap<>();
  /** Folders to remove per repository (destroyed clusters), and whose they are. */
  final Map<String, List<String>> removedDirs = new LinkedHashMap<>();
  final Map<String, List<String>> removedClusters = new LinkedHashMap<>();
  final Map<String, String> pushedHeads = new HashMap<>();
  /** Keys generated in this run, by cluster, until the secret step writes them (memory only). */
  final Map<String, io.fluxstrap.plan.SecretContents.KeyMaterial> generatedKeys = new HashMap<>();
  /** Clusters whose new key is registered out of band: their health wait is skipped. */
  final java.util.Set<String> registeredOutOfBand = new java.util.HashSet<>();
  /** Clusters whose identity was checked against state in this run. */
  final java.util.Set<String> verifiedClusters = new java.util.HashSet<>();

  Run(Spec spec, Map<String, DesiredCluster> desired, Connections connections, StateStore store, State state, ExecutionListener listener) {
    this.spec = spec;
    this.desired = desired;
    this.connections = connections;
    this.store = store;
    this.state = state;
    this.listener = listener;
  }

  State state() {
    return state;
  }

  /** Records one resource and persists the state at once. */
  void record(String address, String type, Map<String, String> attributes) {
    state = state.with(address, new ResourceState(type, attributes));
    store.write(state);
  }

  /** Removes one resource from state (when there) and persists the state at once. */
  void forget(String address) {
    forgetAll(List.of(address));
  }

  /** Removes resources from state in one write (none there: no write). */
  void forgetAll(java.util.Collection<String> addresses) {
    if (addresses.stream().noneMatch(state.resources()::containsKey)) return;
    state = state.without(addresses);
    store.write(state);
  }

  /** A destroyed cluster's folder to remove in its repository's next commit. */
  void addRemoval(String repository, String cluster, String dir) {
    removedDirs.computeIfAbsent(repository, k -> new ArrayList<>()).add(dir);
    removedClusters.computeIfAbsent(repository, k -> new ArrayList<>()).add(cluster);
  }

  void addPending(String repository, String cluster, CommitChange.FileWrite write) {
    pending.computeIfAbsent(repository, k -> new ArrayList<>()).add(write);
    List<String> clusters = pendingClusters.computeIfAbsent(repository, k -> new ArrayList<>());
    if (!clusters.contains(cluster)) clusters.add(cluster);
  }
}
