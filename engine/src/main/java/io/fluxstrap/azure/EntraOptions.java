package io.fluxstrap.azure;

import java.util.Map;

/**
 * What to build a credential from. {@code source} null means the default chain. {@code tenantId},
 * {@code clientId} and {@code serviceConnectionId} may be null: each source then reads its own
 * environment variables. {@code env} is the environment the sources see (the CLI passes its own,
 * tests pass theirs); it is never printed.
 */
public record EntraOptions(EntraSource source, String tenantId, String clientId, String serviceConnectionId, Map<String, String> env) {
  public EntraOptions {
    env = Map.copyOf(env);
  }

  /** The default chain with nothing pinned. */
  public static EntraOptions chain(Map<String, String> env) {
    return new EntraOptions(null, null, null, null, env);
  }

  String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** The spec's value, else the environment's. */
  String pick(String given, String envName) {
    return given != null ? given : env(envName);
  }

  @Override
  public String toString() {
    return "EntraOptions[" + (source == null ? "chain" : source.key()) + ", tenant=" + tenantId + ", client=" + clientId + "]";
  }
}
