package io.fluxstrap.git;

import static io.fluxstrap.git.GitTestRepos.change;
import static io.fluxstrap.git.GitTestRepos.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS with a private CA: trusted through caFile, refused without it. */
class JGitRemoteHttpsTest {
  private static GitHttpServer server;
  private final JGitRemote remote = new JGitRemote(10);

  @BeforeAll
  static void start() {
    server = GitHttpServer.startHttps();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private RemoteRepo repo(String name, Path caFile) {
    return new RemoteRepo(
        server.url(name), new RemoteRepo.Credential.Token("git", Sensitive.of(server.token())), false, caFile);
  }

  @Test
  void caFileMakesThePrivateCaTrusted() {
    String name = GitHttpServer.uniqueName("tls");
    server.createBareRepo(name);

    PushResult pushed = remote.push(repo(name, server.caFile()), change("main", "tls", file("a.yaml", "a\n", null)));

    assertEquals(pushed.head(), remote.read(repo(name, server.caFile()), "main", "").head());
    String cliHead =
        GitCli.isolated()
            .withEnv("GIT_SSL_CAINFO", server.caFile().toString())
            .remoteHead(server.authUrl(name), "main");
    assertEquals(pushed.head(), cliHead);
  }

  @Test
  void withoutCaFileTheServerIsNotTrusted() {
    String name = GitHttpServer.uniqueName("tls-untrusted");
    server.createBareRepo(name);

    GitFailure.Unreachable e =
        assertThrows(GitFailure.Unreachable.class, () -> remote.read(repo(name, null), "main", ""));

    assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    assertTrue(e.getMessage().contains("caFile"), e.getMessage());
    assertTrue(e.getMessage().contains(server.url(name)), e.getMessage());
    assertFalse(e.getMessage().contains(server.token()));
  }

  @Test
  void unreadableCaFileIsAClearFailure() {
    Path missing = Path.of("/nonexistent/ca.pem");

    GitFailure e = assertThrows(GitFailure.class, () -> remote.read(repo("x.git", missing), "main", ""));

    assertTrue(e.getMessage().contains("cannot read caFile " + missing), e.getMessage());
  }
}
