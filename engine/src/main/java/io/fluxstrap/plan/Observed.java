package io.fluxstrap.plan;

import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;

/**
 * The "current" side of the diff: what a refresh saw when there was one, else what state
 * recorded. Keeps that choice in one place so the planners only ask questions.
 */
final class Observed {
  private final State state;
  private final Live live;

  Observed(State state, Live live) {
    this.state = state;
    this.live = live;
  }

  boolean refreshed() {
    return live != null;
  }

  State state() {
    return state;
  }

  ResourceState recorded(String address) {
    return state.resource(address);
  }

  String recorded(String address, String attribute) {
    ResourceState r = state.resource(address);
    return r == null ? null : r.get(attribute);
  }

  Live.Repository liveRepository(String name) {
    return live == null ? null : live.repositories().get(name);
  }

  Live.Cluster liveCluster(String name) {
    return live == null ? null : live.clusters().get(name);
  }

  /** The stored versions of the Flux CRDs on a cluster, read when an upgrade is pending; null when not read. */
  java.util.Map<String, java.util.List<String>> storedVersions(String cluster) {
    return live == null ? null : live.storedVersions().get(cluster);
  }

  void checkIdentity(ClusterSpec c) {
    Live.Cluster lc = liveCluster(c.name());
    if (lc == null) return;
    Planner.refuseOtherCluster(c.address(), recorded(Addresses.cluster(c.name()), "uid"), lc.identity().uid(), lc.identity().server());
  }

  /** Hash of a repository file now: live when refreshed, else as recorded; null when absent. */
  String fileHash(String cluster, String repository, String path) {
    if (live != null) {
      Live.Repository r = live.repositories().get(repository);
      return r == null ? null : r.files().get(path);
    }
    return recorded(Addresses.manifests(cluster), "file:" + path);
  }

  /** The branch head now: live when refreshed, else as recorded (null: no branch). */
  String head(String repository) {
    if (live != null && live.repositories().containsKey(repository)) {
      Live.Repository r = live.repositories().get(repository);
      return r == null ? null : r.head();
    }
    return recorded(Addresses.repository(repository), "head");
  }
}
