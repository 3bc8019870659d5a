package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitHttpServer;
import io.fluxstrap.testing.MockCluster;
import io.fluxstrap.testing.SshKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last cluster of a repository reached over SSH leaves the spec: its folder is removed over SSH
 * with the host key state recorded, though no cluster of the spec uses that repository any more.
 */
class SshRepositoryRemovalScenarioTest {
  @Test
  void theLastClusterOfAnSshRepositoryIsDestroyedAndItsFolderRemovedOverSsh(@TempDir Path dir) throws Exception {
    try (SshWorld w = new SshWorld(dir)) {
      SshKeyFile key = SshKeyFile.ed25519();
      w.ssh.authorize(key.publicLine());
      String web = GitHttpServer.uniqueName("web");
      w.http.createBareRepo(web);
      try (MockCluster other = MockCluster.withControllers((url, branch) -> Optional.ofNullable(w.gitCli.remoteHead(w.http.authUrl(web), branch)))) {
        String repositories = """
            name: ssh-removal
            repositories:
              fleet:
                url: %s
                auth:
                  sshKey: {file: %s}
              web:
                url: %s
                allowInsecureHttp: true
                auth:
                  token: {env: GIT_PASSWORD}
            clusters:
            """.formatted(w.sshUrl, key.privateKey(), w.http.url(web));
        String otherCluster = cluster("other", other.kubeconfig(), "web");
        w.write(repositories + cluster("dev", w.cluster.kubeconfig(), "fleet") + otherCluster);
        CliRunner cli = w.cli;

        CliRunner.Result apply = cli.run("apply", "-f", "spec.yaml", "--accept-host-key", "--auto-approve", "--no-color");
        assertEquals(0, apply.exit(), apply.all());
        Path before = w.gitCli.cloneTemp(w.http.authUrl(w.repoName));
        assertTrue(Files.isRegularFile(before.resolve("clusters/dev/flux-system/gotk-sync.yaml")), "dev's folder pushed over SSH");

        w.write(repositories + otherCluster);
        CliRunner.Result plan = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode", "--no-color");
        assertEquals(2, plan.exit(), plan.all());
        assertTrue(plan.out().contains("cluster.dev is in state but not in the spec"), plan.out());
        assertFalse(plan.out().contains("ssh_host."), "the host key stays: the removal is pushed with it\n" + plan.out());

        CliRunner.Result destroy = cli.run("apply", "-f", "spec.yaml", "--auto-approve", "--no-color");
        assertEquals(0, destroy.exit(), destroy.all());
        Path after = w.gitCli.cloneTemp(w.http.authUrl(w.repoName));
        assertFalse(Files.exists(after.resolve("clusters/dev/flux-system")), "dev's folder removed over SSH");
        assertEquals(2, w.gitCli.log(after, "%H", "HEAD").size(), "one commit to add, one to remove");

        CliRunner.Result quiet = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode", "--no-color");
        assertEquals(0, quiet.exit(), quiet.all());
      }
    }
  }

  private static String cluster(String name, Object kubeconfig, String repository) {
    return """
          %s:
            kubeconfig: {path: %s}
            repository: %s
            path: clusters/%s
            flux:
              version: v2.7.5
              manifests: {file: flux/install.yaml}
            health: {timeout: 20s}
        """.formatted(name, kubeconfig, repository, name);
  }
}
