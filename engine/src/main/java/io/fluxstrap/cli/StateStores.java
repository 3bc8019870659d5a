package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.KubeStateApis;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.StateSpec;
import io.fluxstrap.state.KubernetesStateStore;
import io.fluxstrap.state.LocalStateStore;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.StateEncryption;
import io.fluxstrap.state.StateStore;
import io.fluxstrap.state.azure.AzureBlobSettings;
import io.fluxstrap.state.azure.AzureBlobStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opens the state store a command works on: the backend and settings of the spec's {@code state:}
 * block with the command line's overrides on top, checked as the schema checks the spec (a value
 * from a flag is named by its flag), and the encryption key if one is configured.
 */
final class StateStores {
  static final List<String> BACKENDS = List.of("local", "azurerm", "kubernetes");
  private static final Pattern GUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  /** Every setting per backend, with the form a value from the command line must have. */
  private static final Map<String, Map<String, Pattern>> SETTINGS = Map.of(
      "local", Map.of("path", Pattern.compile(".+")),
      "azurerm", Map.of(
          "storage_account", Pattern.compile("[a-z0-9]{3,24}"),
          "container", Pattern.compile("[a-z0-9]([a-z0-9]|-[a-z0-9]){2,62}"),
          "key", Pattern.compile(".{1,1024}"),
          "endpoint", Pattern.compile("https?://[^\\s?#]+"),
          "auth", Pattern.compile("auto|identity|key|sas"),
          "lease_duration", Pattern.compile("1[5-9]|[2-5][0-9]|60"),
          "entra_source", Pattern.compile("azurePipelines|workloadIdentity|managedIdentity|environment|azureCli"),
          "tenant_id", GUID,
          "client_id", GUID,
          "service_connection_id", GUID),
      "kubernetes", Map.of(
          "namespace", Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"),
          "secret_suffix", Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"),
          "kubeconfig", Pattern.compile(".+"),
          "context", Pattern.compile(".{1,253}"),
          "lease_duration", Pattern.compile("[5-9]|[1-9][0-9]{1,2}|[12][0-9]{3}|3[0-5][0-9]{2}|3600")));
  private static final Pattern KEY_SETTING = Pattern.compile("encryption_key_(env|file)");

  private final Io io;

  StateStores(Io io) {
    this.io = io;
  }

  /** The store for {@code spec} (null for commands run without one) as {@code choice} overrides it. */
  StateStore open(Spec spec, StateChoice choice) {
    StateSpec written = spec == null ? StateSpec.DEFAULT : spec.state();
    String backend = choice.backend() != null ? choice.backend() : written.backend() != null ? written.backend() : "local";
    if (!BACKENDS.contains(backend)) {
      throw new UserException("--state-backend takes local, azurerm or kubernetes, not '" + backend + "'");
    }
    if (choice.stateFile() != null && !backend.equals("local")) {
      throw new UserException("--state FILE names a local state file, but the state backend is " + backend
          + "; drop --state, or pass --state-backend=local");
    }
    Map<String, String> settings = new LinkedHashMap<>(written.settingsOf(backend));
    String keyEnv = written.keyEnv();
    Path keyFile = written.keyFile();
    for (Map.Entry<String, String> e : choice.config().entrySet()) {
      if (KEY_SETTING.matcher(e.getKey()).matches()) {
        if (e.getKey().endsWith("env")) keyEnv = e.getValue();
        else keyFile = io.workDir().resolve(e.getValue()).normalize();
        continue;
      }
      Pattern form = SETTINGS.get(backend).get(e.getKey());
      if (form == null) {
        throw new UserException("--state-config " + e.getKey() + ": the " + backend + " backend has no such setting (it has "
            + String.join(", ", SETTINGS.get(backend).keySet().stream().sorted().toList()) + ", and encryption_key_env, encryption_key_file)");
      }
      if (!form.matcher(e.getValue()).matches()) {
        throw new UserException("--state-config " + e.getKey() + "=" + e.getValue() + ": not a valid " + e.getKey() + " for the " + backend + " backend");
      }
      String value = e.getKey().equals("path") || e.getKey().equals("kubeconfig") ? io.workDir().resolve(e.getValue()).normalize().toString() : e.getValue();
      settings.put(e.getKey(), value);
    }
    StateEncryption encryption = encryption(keyEnv, keyFile);
    String name = spec == null ? null : spec.name();
    String what = spec == null ? "the command line" : "state." + backend + " in " + io.workDir().relativize(spec.file());
    return switch (backend) {
      case "azurerm" -> AzureBlobStateStore.open(azure(settings, name, what), io.env(), encryption);
      case "kubernetes" -> kubernetes(settings, name, what, written.labels(), encryption);
      default -> local(spec, choice, settings, encryption);
    };
  }

  private StateStore local(Spec spec, StateChoice choice, Map<String, String> settings, StateEncryption encryption) {
    Path file;
    if (choice.stateFile() != null) file = io.workDir().resolve(choice.stateFile()).normalize();
    else if (settings.containsKey("path")) file = Path.of(settings.get("path"));
    else if (spec != null) file = defaultStateFile(spec, io.workDir());
    else return null;
    return new LocalStateStore(file, LockInfo.currentWho(), Clock.systemUTC(), encryption);
  }

  /** state/<name>.state.json in the spec file's folder: the same state whatever folder the command runs from. */
  static Path defaultStateFile(Spec spec, Path workDir) {
    Path folder = spec.file() == null || spec.file().getParent() == null ? workDir : spec.file().getParent();
    return folder.resolve(Workspace.STATE_DIR).resolve(spec.name() + Workspace.STATE_SUFFIX);
  }

  private static AzureBlobSettings azure(Map<String, String> s, String name, String what) {
    String account = required(s, "azurerm", "storage_account", "NAME", what);
    String container = required(s, "azurerm", "container", "NAME", what);
    String key = s.get("key");
    if (key == null) key = name != null ? name + Workspace.STATE_SUFFIX : required(s, "azurerm", "key", "BLOB", what);
    String lease = s.get("lease_duration");
    return new AzureBlobSettings(s.get("endpoint"), account, container, key, s.get("auth"),
        lease == null ? null : Duration.ofSeconds(Integer.parseInt(lease)),
        new AzureBlobSettings.Entra(s.get("entra_source"), s.get("tenant_id"), s.get("client_id"), s.get("service_connection_id")));
  }

  private StateStore kubernetes(Map<String, String> s, String name, String what, Map<String, String> labels, StateEncryption encryption) {
    String suffix = s.get("secret_suffix");
    if (suffix == null) suffix = name != null && SETTINGS.get("kubernetes").get("secret_suffix").matcher(name).matches()
        ? name : required(s, "kubernetes", "secret_suffix", "NAME", what);
    String namespace = s.getOrDefault("namespace", "default");
    String lease = s.get("lease_duration");
    Duration leaseDuration = Duration.ofSeconds(lease == null ? 60 : Integer.parseInt(lease));
    if (leaseDuration.toSeconds() < 5) throw new UserException("state.kubernetes.lease_duration must be at least 5 seconds");
    String kubeconfig = s.get("kubeconfig");
    return new KubernetesStateStore(
        KubeStateApis.open(io.env(), kubeconfig == null ? null : Path.of(kubeconfig), s.get("context"), namespace),
        new KubernetesStateStore.Settings(namespace, suffix, labels, leaseDuration), encryption, LockInfo.currentWho(), Clock.systemUTC());
  }

  private static String required(Map<String, String> s, String backend, String key, String placeholder, String what) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      throw new UserException("the " + backend + " state backend needs " + key + ": set state." + backend + "." + key
          + " in the spec or pass --state-config " + key + "=" + placeholder + " (" + what + " has none)");
    }
    return v;
  }

  /** The key named by the spec or flags, else FLUXSTRAP_STATE_KEY(_FILE) from the environment, else none. */
  private StateEncryption encryption(String keyEnv, Path keyFile) {
    if (keyEnv != null) {
      String v = io.env().get(keyEnv);
      if (v == null || v.isBlank()) throw new UserException("state encryption takes its key from " + keyEnv + ", which is not set");
      return StateEncryption.withKey(v, "environment variable " + keyEnv);
    }
    if (keyFile == null && io.env().get("FLUXSTRAP_STATE_KEY_FILE") != null) {
      keyFile = io.workDir().resolve(io.env().get("FLUXSTRAP_STATE_KEY_FILE")).normalize();
    }
    if (keyFile != null) {
      try {
        return StateEncryption.withKey(Files.readString(keyFile), "key file " + keyFile);
      } catch (IOException e) {
        throw new UserException("cannot read the state encryption key file " + keyFile + ": " + e.getMessage());
      }
    }
    String v = io.env().get("FLUXSTRAP_STATE_KEY");
    if (v != null && !v.isBlank()) return StateEncryption.withKey(v, "environment variable FLUXSTRAP_STATE_KEY");
    return StateEncryption.none();
  }
}
