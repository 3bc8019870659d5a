package io.fluxstrap.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One managed thing (e.g. {@code cluster.dev.secret}) and the attributes it had when last
 * applied: hashes, commits, fingerprints, identities. Attribute values are never secrets.
 */
public record ResourceState(String type, Map<String, String> attributes) {
  public ResourceState {
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  public String get(String key) {
    return attributes.get(key);
  }
}
