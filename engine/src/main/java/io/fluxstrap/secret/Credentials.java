package io.fluxstrap.secret;

import io.fluxstrap.ssh.LoadedKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run's credentials, resolved once by the CLI (environment, stdin or a prompt): PATs and key
 * passphrases keyed by the environment variable name the spec refers to, and SSH key files
 * loaded (decrypted) by path. {@link #toString()} names keys only.
 */
public record Credentials(Map<String, Sensitive> tokens, Map<String, Sensitive> passphrases, Map<Path, LoadedKey> keys) {
  public Credentials {
    tokens = Map.copyOf(tokens);
    passphrases = Map.copyOf(passphrases);
    keys = Map.copyOf(keys);
  }

  public Credentials(Map<String, Sensitive> tokens) {
    this(tokens, Map.of(), Map.of());
  }

  public Optional<Sensitive> token(String env) {
    return Optional.ofNullable(tokens.get(env));
  }

  public Optional<Sensitive> passphrase(String env) {
    return Optional.ofNullable(passphrases.get(env));
  }

  public Optional<LoadedKey> key(Path file) {
    return Optional.ofNullable(keys.get(file));
  }

  @Override
  public String toString() {
    return "Credentials" + new TreeMap<>(tokens).keySet() + new TreeMap<>(passphrases).keySet() + keys.keySet();
  }
}
