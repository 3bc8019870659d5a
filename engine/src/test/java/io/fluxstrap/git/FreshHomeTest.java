package io.fluxstrap.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first run on a fresh machine (empty HOME) must not make JGit measure the file system's
 * timestamp resolution (~3.5 s): when it does, it records the result in
 * {@code $XDG_CONFIG_HOME/jgit/config}, so that file must not appear.
 */
class FreshHomeTest {
  @TempDir Path tmp;

  @Test
  void httpReadAndPushNeverProbeTheFileSystem() throws Exception {
    GitHttpServer server = GitHttpServer.shared();
    String name = GitHttpServer.uniqueName("fresh");
    server.createBareRepo(name);
    Path home = Files.createDirectories(tmp.resolve("home"));

    Exec.Result run = runFresh(home, server.url(name), server.token());

    assertTrue(run.ok(), run.describe());
    assertTrue(run.stdout().startsWith("ms="), run.describe());
    assertEquals(GitCli.isolated().remoteHead(server.authUrl(name), "main"), head(run));
    assertFalse(Files.exists(home.resolve(".config/jgit/config")), "JGit measured the file system");
    try (Stream<Path> files = Files.walk(home)) {
      assertEquals(List.of(home), files.toList(), "nothing written under HOME");
    }
  }

  /** The quickstart's case: a bare repository on disk, created by the first push and then read. */
  @Test
  void localRepositoryNeverProbesTheFileSystem() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path repo = tmp.resolve("fleet.git");

    Exec.Result run = runFresh(home, repo.toUri().toString(), "-");

    assertTrue(run.ok(), run.describe());
    assertEquals(GitCli.isolated().remoteHead(repo.toUri().toString(), "main"), head(run));
    assertFalse(Files.exists(home.resolve(".config/jgit/config")), "JGit measured the file system");
    try (Stream<Path> files = Files.walk(home)) {
      assertEquals(List.of(home), files.toList(), "nothing written under HOME");
    }
  }

  private static String head(Exec.Result run) {
    return run.stdout().trim().replaceFirst(".*head=", "");
  }

  private static Exec.Result runFresh(Path home, String url, String token) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return Exec.run(
        null,
        Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString()),
        Duration.ofSeconds(60),
        List.of(
            java,
            "-Duser.home=" + home,
            "-cp",
            System.getProperty("java.class.path"),
            FreshHomeRun.class.getName(),
            url,
            token,
            "main"));
  }
}
