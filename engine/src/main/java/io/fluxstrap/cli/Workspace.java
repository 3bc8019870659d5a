package io.fluxstrap.cli;

import io.fluxstrap.diag.Diagnostics;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.fleet.Scheduler;
import io.fluxstrap.git.GitRemote;
import io.fluxstrap.git.JGitRemote;
import io.fluxstrap.git.RemoteBranch;
import io.fluxstrap.git.RemoteRepo;
import io.fluxstrap.kube.DefaultClusterConnector;
import io.fluxstrap.manifests.ComponentsSource;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.secret.Credentials;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.SpecLoader;
import io.fluxstrap.state.LocalStateStore;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Wires one command: where the spec and the state are, and the real Git and Kubernetes clients,
 * created only when a command needs them (validate and plan --refresh=false never load them).
 */
final class Workspace {
  static final String STATE_DIR = "state";
  static final String STATE_SUFFIX = ".state.json";
  private final Io io;

  Workspace(Io io) {
    this.io = io;
  }

  Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : io.workDir().resolve(p).normalize();
  }

  Spec loadSpec(String file) {
    Path p = resolve(file);
    if (!Files.isRegularFile(p)) throw new UserException("spec file " + file + " does not exist");
    Diagnostics warnings = new Diagnostics();
    Spec spec = new SpecLoader(io.env()).load(p, warnings);
    printWarnings(warnings);
    return spec;
  }

  Spec parseSpec(String file, String text) {
    Diagnostics warnings = new Diagnostics();
    Spec spec = new SpecLoader(io.env()).parse(Path.of(file), text, warnings);
    printWarnings(warnings);
    return spec;
  }

  /** Spec warnings go to stderr, like progress, so stdout stays the command's output. */
  private void printWarnings(Diagnostics warnings) {
    DiagnosticPrinter.print(warnings.sorted(), io);
  }

  /**
   * --state wins, then the spec's state.path, then state/<name>.state.json in the spec file's folder
   * (as the schema says: the same state whatever folder the command runs from).
   */
  StateStore store(Spec spec, String stateFlag) {
    return store(spec, new StateChoice(stateFlag, null, java.util.Map.of()));
  }

  /**
   * The store the command line and the spec's state block choose: --state-backend / --state-config
   * over the spec's backend and settings; local (as above) when neither names one.
   */
  StateStore store(Spec spec, StateChoice choice) {
    return new StateStores(io).open(spec, choice);
  }

  /** For state commands without a spec: the backend the flags name, else --state, else the only state file under state/. */
  StateStore storeWithoutSpec(StateChoice choice) {
    StateStore chosen = new StateStores(io).open(null, choice);
    if (chosen != null) return chosen;
    return new StateStores(io).open(null, new StateChoice(onlyStateFile().toString(), null, choice.config()));
  }

  Path defaultStateFile(Spec spec) {
    return StateStores.defaultStateFile(spec, io.workDir());
  }

  StateStore storeWithoutSpec(String stateFlag) {
    return storeWithoutSpec(new StateChoice(stateFlag, null, java.util.Map.of()));
  }

  private Path onlyStateFile() {
    Path dir = io.workDir().resolve(STATE_DIR);
    List<Path> files = List.of();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(STATE_SUFFIX)).sorted().toList();
      } catch (java.io.IOException e) {
        throw new UserException("cannot list " + dir + ": " + e.getMessage());
      }
    }
    if (files.size() == 1) return files.get(0);
    if (files.isEmpty()) throw new UserException("no state found under " + dir + "; pass -f SPEC or --state FILE");
    throw new UserException("several state files under " + dir + " (" + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList())
        + "); pass -f SPEC or --state FILE");
  }

  static State readOrEmpty(StateStore store) {
    Optional<State> s = store.read();
    return s.orElseGet(() -> State.empty(writer()));
  }

  static String writer() {
    return "fluxstrap " + Version.VERSION;
  }

  Credentials credentials(Spec spec) {
    return new CredentialResolver(io).resolve(spec);
  }

  Connections connections(Credentials credentials) {
    return connections(credentials, (env, heads) -> new DefaultClusterConnector(env, heads));
  }

  /** For runs that change nothing (drift): the sandbox is opened read-only. */
  Connections readOnlyConnections(Credentials credentials) {
    return connections(credentials, (env, heads) -> new DefaultClusterConnector(env, heads).readOnly());
  }

  /** For plans: the sandbox is read without a lock or a write; one not created yet reads as empty. */
  Connections planConnections(Credentials credentials) {
    return connections(credentials, (env, heads) -> new DefaultClusterConnector(env, heads).forPlanning());
  }

  /** Every run's connections: JGit, the cluster connector given, and Entra ID tokens from this run's environment. */
  private Connections connections(Credentials credentials, ConnectorFactory connector) {
    return new Connections(
        () -> new JGitRemote(), // a lambda, not JGitRemote::new: that would load JGit up front
        () -> connector.create(io.env(), (url, branch) -> head(new JGitRemote(), url, branch)),
        credentials).withBearerTokens(new EntraBearers(io.env())).withParallelism(Scheduler.DEFAULT_PARALLELISM);
  }

  private interface ConnectorFactory {
    io.fluxstrap.kube.ClusterConnector create(java.util.Map<String, String> env, io.fluxstrap.kube.sandbox.RevisionSource heads);
  }

  ComponentsSource components() {
    return ComponentsSource.of(io.env());
  }

  /** The sandbox's simulated source-controller asks the local repository for its head. */
  private static Optional<String> head(GitRemote git, String url, String branch) {
    RemoteBranch b = git.read(new RemoteRepo(url, new RemoteRepo.Credential.None(), url.startsWith("http://"), null), branch, List.<String>of());
    return b.exists() ? Optional.of(b.head()) : Optional.empty();
  }
}
