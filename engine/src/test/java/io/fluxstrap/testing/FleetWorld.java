package io.fluxstrap.testing;

import io.fluxstrap.kube.sandbox.FleetApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A fleet: N clusters (one {@link FleetApi}, simulated controllers on) bootstrapped from one
 * repository on a real Git HTTP server (lighttpd + git http-backend), and a spec naming them all,
 * written into {@code dir}. The bare repository counts pushes with a post-receive hook. Shared by
 * the fleet scenario test and the fleet benchmark.
 */
public final class FleetWorld implements AutoCloseable {
  public static final Path BUNDLE = Path.of("examples/manifests/flux-v2.7.5-sandbox.yaml");

  public final GitHttpServer git;
  public final String repoName = GitHttpServer.uniqueName("fleet");
  public final FleetApi api;
  public final List<String> clusters;
  public final Path dir;
  public final Path spec;
  private final Path bare;
  private final boolean ownServer;

  /** {@code ownServer}: a private Git server (the benchmark) rather than the JVM's shared one (tests). */
  public FleetWorld(Path dir, int n, boolean ownServer) {
    this.dir = dir;
    this.ownServer = ownServer;
    this.git = ownServer ? GitHttpServer.start() : GitHttpServer.shared();
    this.bare = git.createBareRepo(repoName);
    this.clusters = IntStream.rangeClosed(1, n).mapToObj(i -> String.format("c%03d", i)).toList();
    try {
      Path hook = bare.resolve("hooks/post-receive");
      Files.writeString(hook, "#!/bin/sh\necho push >> \"$(dirname \"$0\")/../pushes.log\"\n");
      hook.toFile().setExecutable(true, false);
      this.api = FleetApi.start(clusters, true, (url, branch) -> head(branch));
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
      Files.createDirectories(dir.resolve("flux"));
      Files.copy(BUNDLE, dir.resolve("flux/install.yaml"), StandardCopyOption.REPLACE_EXISTING);
      StringBuilder s = new StringBuilder("""
          name: fleet
          repositories:
            fleet:
              url: %s
              allowInsecureHttp: true
              branch: main
              auth:
                token: {env: GIT_PASSWORD, username: %s}
          clusters:
          """.formatted(git.url(repoName), GitHttpServer.USERNAME));
      for (String c : clusters) {
        s.append("""
              %s:
                kubeconfig: {path: %s, context: %s}
                repository: fleet
                path: clusters/%s
                flux:
                  version: v2.7.5
                  manifests: {file: flux/install.yaml}
                health: {timeout: 60s}
            """.formatted(c, kubeconfig, c, c));
      }
      spec = dir.resolve("spec.yaml");
      Files.writeString(spec, s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The branch head as the bare repository has it (read from disk: no process per reconcile). */
  private Optional<String> head(String branch) {
    try {
      Path loose = bare.resolve("refs/heads/" + branch);
      if (Files.exists(loose)) return Optional.of(Files.readString(loose).strip());
      Path packed = bare.resolve("packed-refs");
      if (!Files.exists(packed)) return Optional.empty();
      return Files.readAllLines(packed).stream().filter(l -> l.endsWith(" refs/heads/" + branch))
          .map(l -> l.substring(0, l.indexOf(' '))).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Pushes the repository received (one per post-receive). */
  public int pushes() {
    try {
      Path log = bare.resolve("pushes.log");
      return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path barePath() {
    return bare;
  }

  @Override
  public void close() {
    api.close();
    if (ownServer) git.close();
  }
}
