package io.fluxstrap.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of a plan: {@code address} ({@code cluster.dev.secret}), what happens, why, and the
 * attributes before and after (for display; secret values appear as {@code (sensitive)}). The
 * reason explains; it never steers apply.
 */
public record Step(
    String address,
    ChangeKind change,
    String reason,
    Action action,
    Map<String, String> before,
    Map<String, String> after) {
  public Step {
    before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }
}
