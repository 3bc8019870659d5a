package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.GitUrls;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.ssh.KeyFiles;
import io.fluxstrap.ssh.LoadedKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Finds each secret the spec needs, like the Flux CLI: PATs and SSH key passphrases come from the
 * named environment variable (default GIT_PASSWORD / SSH_KEY_PASSPHRASE), else one line piped on
 * stdin, else a prompt without echo on a terminal. Never from the command line or the spec. A pipe
 * that sends nothing fails after a short wait instead of hanging. SSH key files are loaded here,
 * so a wrong passphrase or an unusable file is reported before anything else happens.
 */
final class CredentialResolver {
  private static final long STDIN_WAIT_SECONDS = 10;
  private final Io io;

  CredentialResolver(Io io) {
    this.io = io;
  }

  /** One secret value to find: what it is and who needs it. */
  private record Need(String what, List<String> users) {
    String describe() {
      return what + " for " + String.join(", ", users);
    }
  }

  Credentials resolve(Spec spec) {
    Map<String, Need> tokens = new LinkedHashMap<>();
    Map<String, Need> passphrases = new LinkedHashMap<>();
    for (RepositorySpec r : spec.repositories().values()) {
      if (r.auth() instanceof GitAuth.Token t) need(tokens, t.env(), "token", "repository '" + r.name() + "'");
      if (r.auth() instanceof GitAuth.SshKey k && KeyFiles.isEncrypted(k.file())) {
        need(passphrases, k.passphraseEnv(), "passphrase", "SSH key " + k.file());
      }
    }
    for (var c : spec.clusters().values()) {
      if (c.sync() instanceof io.fluxstrap.spec.SyncAuth.Token t && t.separate()) need(tokens, t.env(), "token", "cluster '" + c.name() + "'");
    }
    Map<String, Need> all = new LinkedHashMap<>(tokens);
    passphrases.forEach((env, n) -> all.merge(env, n, (a, b) -> new Need(a.what() + " and " + b.what(), concat(a.users(), b.users()))));
    Map<String, Sensitive> values = values(all);
    Map<String, Sensitive> tokenValues = new LinkedHashMap<>();
    Map<String, Sensitive> passphraseValues = new LinkedHashMap<>();
    tokens.keySet().forEach(env -> tokenValues.put(env, values.get(env)));
    passphrases.keySet().forEach(env -> passphraseValues.put(env, values.get(env)));
    return new Credentials(tokenValues, passphraseValues, keys(spec, passphraseValues));
  }

  private static Map<Path, LoadedKey> keys(Spec spec, Map<String, Sensitive> passphrases) {
    Map<Path, LoadedKey> keys = new LinkedHashMap<>();
    for (RepositorySpec r : spec.repositories().values()) {
      if (!(r.auth() instanceof GitAuth.SshKey k) || keys.containsKey(k.file())) continue;
      LoadedKey key = KeyFiles.load(k.file(), passphrases.get(k.passphraseEnv()));
      String host = URI.create(r.url()).getHost();
      if (GitUrls.isAzureDevOpsSshHost(host) && !key.keyType().equals("ssh-rsa")) {
        throw new UserException(k.file() + ": a " + key.keyType() + " key, but Azure DevOps accepts RSA SSH keys only (repository '"
            + r.name() + "'); create one with ssh-keygen -t rsa -b 4096");
      }
      keys.put(k.file(), key);
    }
    return keys;
  }

  private Map<String, Sensitive> values(Map<String, Need> needed) {
    Map<String, Sensitive> values = new LinkedHashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (var e : needed.entrySet()) {
      String v = io.env().get(e.getKey());
      if (v != null && !v.isEmpty()) values.put(e.getKey(), Sensitive.of(v.strip()));
      else missing.add(e.getKey());
    }
    if (missing.isEmpty()) return values;
    if (io.terminal().interactive()) {
      for (String env : missing) {
        Need n = needed.get(env);
        Sensitive s = io.terminal().readSecret(capitalize(n.describe()) + " (" + env + " is not set): ");
        if (s == null || s.isEmpty()) throw new UserException("no " + n.describe() + " given");
        values.put(env, s);
      }
      return values;
    }
    if (missing.size() > 1) {
      throw new UserException("secrets needed in " + String.join(", ", missing) + ": set these environment variables (stdin can carry only one)");
    }
    String env = missing.iterator().next();
    String line = readStdinLine();
    if (line == null || line.isBlank()) {
      throw new UserException("no " + needed.get(env).describe() + ": set " + env + ", pipe it on stdin, or run on a terminal to be prompted");
    }
    values.put(env, Sensitive.of(line.strip()));
    return values;
  }

  private static void need(Map<String, Need> needs, String env, String what, String who) {
    Need old = needs.get(env);
    needs.put(env, old == null ? new Need(what, List.of(who)) : new Need(old.what(), concat(old.users(), List.of(who))));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String readStdinLine() {
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "stdin-secret");
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
