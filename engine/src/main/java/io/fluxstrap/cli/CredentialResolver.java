package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds each PAT the spec needs, like the Flux CLI: the named environment variable (default
 * GIT_PASSWORD), else one line piped on stdin, else a prompt without echo on a terminal. Never
 * from the command line. A pipe that sends nothing fails after a short wait instead of hanging.
 */
final class CredentialResolver {
  private static final long STDIN_WAIT_SECONDS = 10;
  private final Io io;

  CredentialResolver(Io io) {
    this.io = io;
  }

  Credentials resolve(Spec spec) {
    Map<String, List<String>> needed = new LinkedHashMap<>();
    for (RepositorySpec r : spec.repositories().values()) {
      if (r.auth() instanceof GitAuth.Token t) needed.computeIfAbsent(t.env(), k -> new java.util.ArrayList<>()).add(r.name());
    }
    Map<String, Sensitive> tokens = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (var e : needed.entrySet()) {
      String v = io.env().get(e.getKey());
      if (v != null && !v.isEmpty()) tokens.put(e.getKey(), Sensitive.of(v.strip()));
      else missing.add(e.getKey());
    }
    if (missing.isEmpty()) return new Credentials(tokens);
    if (io.terminal().interactive()) {
      for (String env : missing) {
        Sensitive s = io.terminal().readSecret("Token for " + describe(needed.get(env)) + " (" + env + " is not set): ");
        if (s == null || s.isEmpty()) throw new UserException("no token given for " + describe(needed.get(env)));
        tokens.put(env, s);
      }
      return new Credentials(tokens);
    }
    if (missing.size() > 1) {
      throw new UserException("tokens needed in " + String.join(", ", missing) + ": set these environment variables (stdin can carry only one)");
    }
    String env = missing.iterator().next();
    String line = readStdinLine();
    if (line == null || line.isBlank()) {
      throw new UserException("no token for " + describe(needed.get(env)) + ": set " + env + ", pipe it on stdin, or run on a terminal to be prompted");
    }
    tokens.put(env, Sensitive.of(line.strip()));
    return new Credentials(tokens);
  }

  private static String describe(List<String> repos) {
    return (repos.size() == 1 ? "repository '" : "repositories '") + String.join("', '", repos) + "'";
  }

  private String readStdinLine() {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "stdin-token");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<String> f = pool.submit(() -> new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine());
      return f.get(STDIN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (Exception e) {
      return null;
    } finally {
      pool.shutdownNow();
    }
  }
}
