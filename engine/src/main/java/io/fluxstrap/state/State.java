package io.fluxstrap.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What fluxstrap last applied. {@code serial} grows by one on every write; {@code lineage} names
 * this state's history so that a saved plan or a backup from another history is refused. Never
 * holds a secret: secret data appears only as fingerprints.
 */
public record State(int version, long serial, String lineage, String writer, Map<String, ResourceState> resources) {
  public static final int FORMAT_VERSION = 1;

  public State {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources)); // sorted: copies and encoding stay linear
  }

  public static State empty(String writer) {
    return new State(FORMAT_VERSION, 0, UUID.randomUUID().toString(), writer, Map.of());
  }

  public ResourceState resource(String address) {
    return resources.get(address);
  }

  /** A copy without {@code addresses} and serial + 1 (one write however many go). */
  public State without(java.util.Collection<String> addresses) {
    Map<String, ResourceState> next = new TreeMap<>(resources);
    next.keySet().removeAll(addresses);
    return new State(FORMAT_VERSION, serial + 1, lineage, writer, next);
  }

  /** A copy with one resource replaced (or removed when {@code r} is null) and serial + 1. */
  public State with(String address, ResourceState r) {
    Map<String, ResourceState> next = new TreeMap<>(resources);
    if (r == null) next.remove(address);
    else next.put(address, r);
    return new State(FORMAT_VERSION, serial + 1, lineage, writer, next);
  }
}
