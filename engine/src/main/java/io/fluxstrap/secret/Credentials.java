package io.fluxstrap.secret;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run's credentials, resolved once by the CLI (environment, stdin or a prompt) and keyed by
 * the environment variable name the spec refers to. {@link #toString()} names keys only.
 */
public record Credentials(Map<String, Sensitive> tokens) {
  public Credentials {
    tokens = Map.copyOf(tokens);
  }

  public Optional<Sensitive> token(String env) {
    return Optional.ofNullable(tokens.get(env));
  }

  @Override
  public String toString() {
    return "Credentials" + new TreeMap<>(tokens).keySet();
  }
}
