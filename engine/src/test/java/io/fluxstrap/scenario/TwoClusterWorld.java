package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.DebianPackages;
import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.MockCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two clusters, dev and prod, each its own mock API (with simulated controllers reading the real
 * repository), bootstrapped from one repository on the real git http-backend server; the CLI run
 * in-process, and the real git and kubectl to check what happened.
 */
final class TwoClusterWorld implements AutoCloseable {
  final GitHttpServer git = GitHttpServer.shared();
  final GitCli gitCli = GitCli.isolated();
  final String repoName = GitHttpServer.uniqueName("fleet");
  /** A second repository, "fleet2" in the spec once a cluster is put there ({@link #repositories}). */
  final String repo2Name = GitHttpServer.uniqueName("fleet2");
  /** Per cluster name, a path other than clusters/NAME and a repository other than fleet. */
  final Map<String, String> paths = new java.util.HashMap<>();
  final Map<String, String> repositories = new java.util.HashMap<>();
  String fleet2Branch = "main";
  final MockCluster dev;
  final MockCluster prod;
  final Path dir;
  final Path spec;
  final CliRunner cli;

  TwoClusterWorld(Path dir) {
    this.dir = dir;
    git.createBareRepo(repoName);
    git.createBareRepo(repo2Name);
    dev = MockCluster.withControllers((url, branch) -> Optional.ofNullable(gitCli.remoteHead(git.authUrl(repoOf(url)), branch)));
    prod = MockCluster.withControllers((url, branch) -> Optional.ofNullable(gitCli.remoteHead(git.authUrl(repoOf(url)), branch)));
    spec = dir.resolve("spec.yaml");
    cli = new CliRunner(dir).env("GIT_PASSWORD", git.token());
    try {
      Files.createDirectories(dir.resolve("flux"));
      Files.copy(PatWorld.BUNDLE, dir.resolve("flux/install.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spec with these clusters, by name ("dev", "prod"); {@code guard}: the cluster carrying lifecycle.preventDestroy. */
  void writeSpec(List<String> clusters, String guard) {
    StringBuilder b = new StringBuilder("""
        name: two
        repositories:
          fleet:
            url: %s
            allowInsecureHttp: true
            branch: main
            auth:
              token: {env: GIT_PASSWORD, username: git}
        """.formatted(git.url(repoName)));
    if (repositories.containsValue("fleet2")) {
      b.append("""
            fleet2:
              url: %s
              allowInsecureHttp: true
              branch: %s
              auth:
                token: {env: GIT_PASSWORD, username: git}
          """.formatted(git.url(repo2Name), fleet2Branch));
    }
    b.append("clusters:\n");
    for (String name : clusters) {
      MockCluster m = name.equals("prod") ? prod : dev;
      b.append("""
            %s:
              kubeconfig:
                path: %s
              repository: %s
              path: %s
              flux:
                version: v2.7.5
                manifests:
                  file: flux/install.yaml
              health:
                timeout: 20s
          """.formatted(name, m.kubeconfig(), repositories.getOrDefault(name, "fleet"), paths.getOrDefault(name, "clusters/" + name)));
      if (name.equals(guard)) b.append("    lifecycle: {preventDestroy: true}\n");
    }
    try {
      Files.writeString(spec, b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(args);
    assertEquals(0, r.exit(), r::toString);
    return r;
  }

  int commits() {
    Path clone = gitCli.cloneTemp(git.authUrl(repoName));
    return gitCli.log(clone, "%s", "HEAD").size();
  }

  Path cloneRepo() {
    return gitCli.cloneTemp(git.authUrl(repoName));
  }

  Path cloneRepo2() {
    return gitCli.cloneTemp(git.authUrl(repo2Name));
  }

  private String repoOf(String url) {
    return url.endsWith("/" + repo2Name) ? repo2Name : repoName;
  }

  /** kubectl against a mock (its own empty kubeconfig, so nothing of the machine's is used). */
  String kubectl(MockCluster m, String... args) {
    DebianPackages.ensure(List.of(Path.of("/usr/bin/kubectl")), "kubernetes-client");
    try {
      Path kubeconfig = Files.writeString(dir.resolve("empty-kubeconfig"), "");
      List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig, "--cache-dir=" + dir.resolve(".kube-cache"),
          "--server=" + m.url()));
      command.addAll(List.of(args));
      Exec.Result r = Exec.run(dir, Map.of(), Duration.ofSeconds(60), command);
      assertEquals(0, r.exitCode(), r::describe);
      return r.stdout().strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every object's kind/namespace/name=resourceVersion, by list requests (which no simulated controller reacts to). */
  String resourceVersions(MockCluster m) {
    return kubectl(m, "get", "namespaces,secrets,deployments,services,serviceaccounts,networkpolicies,clusterroles,clusterrolebindings,"
        + "customresourcedefinitions,gitrepositories,kustomizations", "-A", "-o",
        "jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}={.metadata.resourceVersion}{\"\\n\"}{end}");
  }

  @Override
  public void close() {
    dev.close();
    prod.close();
  }
}
