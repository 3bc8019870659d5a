package io.fluxstrap.apply;

import io.fluxstrap.git.CommitChange;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.DesiredCluster;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable context of one apply: what was rendered and pushed so far, and the state, kept in
 * memory under the lock and written by {@link #persist} after each group of steps (the repository
 * steps; each cluster's steps), so that a killed run loses at most the group it was in, which the
 * next apply redoes idempotently. Cluster groups run in parallel: its collections are concurrent
 * and state changes and writes are serialised here, so the steps need not know about threads.
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
  final Map<String, CommitChange> commits = new ConcurrentHashMap<>();
  /** Folders to remove per repository (destroyed clusters), and whose they are (repository steps: one thread). */
  final Map<String, List<String>> removedDirs = new LinkedHashMap<>();
  final Map<String, List<String>> removedClusters = new LinkedHashMap<>();
  /** Where moving clusters' folders were: recorded with the new folder until a later push removes the old one. */
  final Map<String, io.fluxstrap.plan.Location> movedFrom = new LinkedHashMap<>();
  /** Clusters whose staged folder removal is a move's (the cluster stays), not a destroy's. */
  final java.util.Set<String> movedOut = new java.util.LinkedHashSet<>();
  /** Branch heads per repository: pushed in this run, or read before the cluster steps. */
  final Map<String, String> pushedHeads = new ConcurrentHashMap<>();
  /** Keys generated in this run, by cluster, until the secret step writes them (memory only). */
  final Map<String, io.fluxstrap.plan.SecretContents.KeyMaterial> generatedKeys = new ConcurrentHashMap<>();
  /** Clusters whose new key is registered out of band: their health wait is skipped. */
  final java.util.Set<String> registeredOutOfBand = ConcurrentHashMap.newKeySet();
  /** Clusters whose identity was checked against state in this run. */
  final java.util.Set<String> verifiedClusters = ConcurrentHashMap.newKeySet();
  /** Serial of the last state written; below {@code state.serial()} there is something to write. */
  private long written;
  /** Held while a state write is in flight (never while waiting for this object's monitor the other way). */
  private final Object writing = new Object();

  Run(Spec spec, Map<String, DesiredCluster> desired, Connections connections, StateStore store, State state, ExecutionListener listener) {
    this.spec = spec;
    this.desired = desired;
    this.connections = connections;
    this.store = store;
    this.state = state;
    this.listener = listener;
    this.written = state.serial();
  }

  synchronized State state() {
    return state;
  }

  /** Records one resource in memory; {@link #persist} makes it durable. */
  synchronized void record(String address, String type, Map<String, String> attributes) {
    state = state.with(address, new ResourceState(type, attributes));
  }

  /**
   * Writes the state if anything was recorded since the last write (one write for many records).
   * Returns once what this thread recorded is durable. The write itself happens outside the state's
   * monitor, so other clusters keep recording while it is flushed; writes are serialised (in serial
   * order) by their own lock, and a thread that waited for one finds its records already in the
   * next snapshot: concurrent clusters share one write.
   */
  void persist() {
    synchronized (writing) {
      State snapshot;
      synchronized (this) {
        if (state.serial() == written) return;
        snapshot = state;
      }
      store.write(snapshot);
      synchronized (this) {
        written = snapshot.serial();
      }
    }
  }

  /** Removes one resource from state (when there), in memory; {@link #persist} makes it durable. */
  void forget(String address) {
    forgetAll(List.of(address));
  }

  /** Removes resources from state (none there: nothing changes), in memory; {@link #persist} makes it durable. */
  synchronized void forgetAll(java.util.Collection<String> addresses) {
    if (addresses.stream().noneMatch(state.resources()::containsKey)) return;
    state = state.without(addresses);
  }

  /** A destroyed cluster's folder to remove in its repository's next commit. */
  void addRemoval(String repository, String cluster, String dir) {
    removedDirs.computeIfAbsent(repository, k -> new ArrayList<>()).add(dir);
    removedClusters.computeIfAbsent(repository, k -> new ArrayList<>()).add(cluster);
  }

  void addPending(String repository, String cluster, CommitChange.FileWrite write) {
    pending.computeIfAbsent(repository, k -> new ArrayList<>()).add(write);
    addPendingCluster(repository, cluster);
  }

  /** A cluster whose folder the repository's next push records (its files may all be there already). */
  void addPendingCluster(String repository, String cluster) {
    List<String> clusters = pendingClusters.computeIfAbsent(repository, k -> new ArrayList<>());
    if (!clusters.contains(cluster)) clusters.add(cluster);
  }
}
