package io.fluxstrap.plan;

import io.fluxstrap.state.ResourceState;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-key rows of a secret step, told apart by the per-key fingerprints (never values): a key
 * whose fingerprint now (live, else as recorded) equals the desired one shows {@value #UNCHANGED}
 * on both sides; a key that changes, or whose change cannot be told, shows {@value #SENSITIVE}.
 */
final class SecretKeyRows {
  static final String SENSITIVE = "(sensitive)";
  static final String UNCHANGED = "(sensitive, unchanged)";
  static final String KEY_PREFIX = "key:";

  private SecretKeyRows() {}

  record Rows(Map<String, String> before, Map<String, String> after) {}

  /**
   * {@code currentKeys}: the keys the secret has now (empty when it does not exist);
   * {@code current}/{@code wanted}: key -> fingerprint, where known.
   */
  static Rows of(Collection<String> currentKeys, Map<String, String> current, Collection<String> wantedKeys, Map<String, String> wanted) {
    Map<String, String> before = new LinkedHashMap<>();
    Map<String, String> after = new LinkedHashMap<>();
    for (String k : new TreeSet<>(currentKeys)) before.put(k, SENSITIVE);
    for (String k : wantedKeys) after.put(k, SENSITIVE);
    for (String k : wantedKeys) {
      String now = current.get(k);
      if (before.containsKey(k) && now != null && now.equals(wanted.get(k))) {
        before.put(k, UNCHANGED);
        after.put(k, UNCHANGED);
      }
    }
    return new Rows(before, after);
  }

  /** The per-key fingerprints a secret had at the last apply ({@code key:<name>} attributes). */
  static Map<String, String> recorded(ResourceState r) {
    Map<String, String> out = new TreeMap<>();
    if (r == null) return out;
    r.attributes().forEach((a, v) -> {
      if (a.startsWith(KEY_PREFIX)) out.put(a.substring(KEY_PREFIX.length()), v);
    });
    return out;
  }
}
