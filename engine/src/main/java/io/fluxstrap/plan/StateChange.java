package io.fluxstrap.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change a refresh-only plan makes to state (never to the cluster or the repository): the
 * resource at {@code address} takes the attributes {@code after} ({@code change} update), or leaves
 * state ({@code change} delete, {@code after} empty) when what it records is gone. Attribute values
 * are the state's own: hashes, commits, fingerprints; never a secret.
 */
public record StateChange(String address, ChangeKind change, String type, Map<String, String> before, Map<String, String> after) {
  public StateChange {
    before = Collections.unmodifiableMap(new LinkedHashMap<>(before == null ? Map.of() : before));
    after = Collections.unmodifiableMap(new LinkedHashMap<>(after == null ? Map.of() : after));
  }
}
