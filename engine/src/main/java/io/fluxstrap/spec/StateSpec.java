package io.fluxstrap.spec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spec's {@code state:} block as written: the backend (null when not set: local), each
 * backend's settings as text (paths already absolute, from the spec file's folder), and how to get
 * the encryption key (both null: none named in the spec). The command line may override all of it,
 * so checks that need the final values (a required setting) run where the store is chosen.
 */
public record StateSpec(String backend, Map<String, Map<String, String>> settings, Map<String, String> labels, String keyEnv, Path keyFile) {
  public static final StateSpec DEFAULT = new StateSpec(null, Map.of(), Map.of(), null, null);

  public StateSpec {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    settings.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    settings = Collections.unmodifiableMap(copy);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The settings written for {@code backend} (none when its block is absent). */
  public Map<String, String> settingsOf(String backend) {
    return settings.getOrDefault(backend, Map.of());
  }
}
