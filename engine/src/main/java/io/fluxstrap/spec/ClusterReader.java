package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** Reads one entry of {@code clusters}: how to reach it, which repository and folder, Flux options. */
final class ClusterReader {
  private final ReadContext in;
  private final Map<String, RepositorySpec> repositories;
  private final Collection<String> repositoryNames;

  /**
   * {@code repositoryNames} are all names under {@code repositories}, {@code repositories} those
   * that could be read (a broken one is missing, its problem already reported).
   */
  ClusterReader(ReadContext in, Collection<String> repositoryNames, Map<String, RepositorySpec> repositories) {
    this.in = in;
    this.repositoryNames = repositoryNames;
    this.repositories = repositories;
  }

  /**
   * A read cluster: {@code spec} is null when a part it needs is missing (reported);
   * {@code repository} and {@code path} are null when they are invalid.
   */
  record Result(ClusterSpec spec, String repository, String path) {}

  Result read(String name, String at) {
    KubeTarget target = target(at);
    String repository = repository(at);
    String path = path(at);
    SyncAuth sync = new SyncReader(in).read(at, repository, repository == null ? null : repositories.get(repository));
    FluxSpec flux = new FluxReader(in).read(child(at, "flux")); // every key has a default
    if (sync instanceof SyncAuth.WorkloadIdentity && flux != null && !WorkloadIdentityReader.supports(flux.version())) {
      String versionAt = child(child(at, "flux"), "version");
      in.error(versionAt, "the Flux version " + flux.version() + " cannot pull with workload identity: GitRepository takes provider: azure from Flux "
          + SyncAuth.WorkloadIdentity.MINIMUM_FLUX + " on; set version to " + SyncAuth.WorkloadIdentity.MINIMUM_FLUX + " or later");
    }
    HealthSpec health = health(child(at, "health"));
    boolean complete = target != null && repository != null && path != null && flux != null && flux.manifests() != null;
    String guardAt = child(child(at, "lifecycle"), "preventDestroy");
    io.fluxstrap.diag.SourceRange guard = in.bool(guardAt, false) ? in.range(guardAt) : null;
    return new Result(complete ? new ClusterSpec(name, target, repository, path, flux, sync, health, guard) : null, repository, path);
  }

  private String path(String at) {
    String pathAt = child(at, "path");
    Normalized path = RepoPaths.normalize(in.text(pathAt, ""));
    if (!path.ok()) in.error(pathAt, path.problem());
    return path.value();
  }

  private KubeTarget target(String at) {
    String kubeAt = child(at, "kubeconfig");
    String sandboxAt = child(at, "sandbox");
    if (in.has(kubeAt)) {
      String pathAt = child(kubeAt, "path");
      String raw = in.text(pathAt, null);
      Path file = raw == null ? null : in.path(pathAt, raw);
      return new KubeTarget.Kubeconfig(file, in.text(child(kubeAt, "context"), null));
    }
    String dirAt = child(sandboxAt, "dir");
    String dir = in.text(dirAt, null);
    Path resolved = dir == null ? null : in.path(dirAt, dir);
    return resolved == null ? null : new KubeTarget.Sandbox(resolved);
  }

  private String repository(String at) {
    String repoAt = child(at, "repository");
    String repository = in.text(repoAt, null);
    if (repository != null && !repositoryNames.contains(repository)) {
      in.error(repoAt, "unknown repository '" + SpecLimits.shown(repository) + "'" + Suggestions.hint(repository, repositoryNames));
      return null;
    }
    return repository;
  }

  private HealthSpec health(String at) {
    boolean wait = in.bool(child(at, "wait"), HealthSpec.DEFAULT.enabled());
    return new HealthSpec(wait, in.duration(child(at, "timeout"), HealthSpec.DEFAULT.timeout()));
  }
}
