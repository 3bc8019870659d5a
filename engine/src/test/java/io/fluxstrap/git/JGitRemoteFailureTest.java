package io.fluxstrap.git;

import static io.fluxstrap.git.GitTestRepos.authorized;
import static io.fluxstrap.git.GitTestRepos.change;
import static io.fluxstrap.git.GitTestRepos.file;
import static io.fluxstrap.git.GitTestRepos.withToken;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.GitCli;
import io.fluxstrap.testing.GitHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Refused credentials, unreachable hosts and unsafe URLs become clear GitFailures without secrets. */
class JGitRemoteFailureTest {
  private static final String FAKE_TOKEN = "fluxstrap-FAKE-TOKEN-7f3a9c";
  private final GitHttpServer server = GitHttpServer.shared();
  private final JGitRemote remote = new JGitRemote(10);

  @Test
  void wrongTokenIsAuthFailedAndNeverShown() {
    String name = GitHttpServer.uniqueName("auth");
    server.createBareRepo(name);
    RemoteRepo repo = withToken(server, name, FAKE_TOKEN);

    List<Executable> operations =
        List.of(
            () -> remote.read(repo, "main", ""),
            () -> remote.push(repo, change("main", "x", file("a.txt", "a\n", null))),
            () -> remote.checkPushAccess(repo));
    for (Executable op : operations) {
      GitFailure.AuthFailed e = assertThrows(GitFailure.AuthFailed.class, op);
      assertTrue(e.getMessage().startsWith("authentication failed for " + server.url(name)), e.getMessage());
      assertTrue(e.getMessage().contains("the token was refused"), e.getMessage());
      assertNoSecret(e);
    }
    assertFalse(repo.toString().contains(FAKE_TOKEN));
    assertNull(GitCli.isolated().remoteHead(server.authUrl(name), "main"), "nothing pushed");
  }

  @Test
  void tokenInTheUrlIsNeverShownEither() {
    String name = GitHttpServer.uniqueName("auth-url");
    String url = server.url(name).replace("://", "://git:" + FAKE_TOKEN + "@");
    RemoteRepo repo = new RemoteRepo(url, new RemoteRepo.Credential.None(), true, null);

    GitFailure e = assertThrows(GitFailure.AuthFailed.class, () -> remote.read(repo, "main", ""));
    assertTrue(e.getMessage().contains(server.url(name)), "URL shown without its user-info: " + e.getMessage());
    assertNoSecret(e);
  }

  @Test
  void noCredentialAgainstAServerThatWantsOne() {
    String name = GitHttpServer.uniqueName("anonymous");
    server.createBareRepo(name);
    RemoteRepo repo = new RemoteRepo(server.url(name), new RemoteRepo.Credential.None(), true, null);

    GitFailure.AuthFailed e = assertThrows(GitFailure.AuthFailed.class, () -> remote.checkPushAccess(repo));
    assertTrue(e.getMessage().contains("none are configured"), e.getMessage());
  }

  @Test
  void checkPushAccessPassesWithTheTokenAndChangesNothing() {
    String name = GitHttpServer.uniqueName("access");
    server.createBareRepo(name);

    assertDoesNotThrow(() -> remote.checkPushAccess(authorized(server, name)));
    assertNull(GitCli.isolated().remoteHead(server.authUrl(name), "main"));
  }

  @Test
  void aReadOnlyTokenCanReadButFailsTheAccessCheckAndThePush() {
    String name = GitHttpServer.uniqueName("reader");
    server.createBareRepo(name);
    RemoteRepo reader =
        new RemoteRepo(
            server.url(name),
            new RemoteRepo.Credential.Token(GitHttpServer.READER, io.fluxstrap.secret.Sensitive.of(server.readerToken())),
            true,
            null);

    assertFalse(remote.read(reader, "main", "").exists());
    GitFailure.AuthFailed check = assertThrows(GitFailure.AuthFailed.class, () -> remote.checkPushAccess(reader));
    GitFailure.AuthFailed push =
        assertThrows(
            GitFailure.AuthFailed.class, () -> remote.push(reader, change("main", "x", file("a.txt", "a\n", null))));

    for (GitFailure e : List.of(check, push)) {
      assertTrue(e.getMessage().contains(server.url(name)), e.getMessage());
      assertTrue(e.getMessage().contains("Code read & write"), e.getMessage());
      assertFalse(e.getMessage().contains(server.readerToken()), e.getMessage());
    }
    assertNull(GitCli.isolated().remoteHead(server.authUrl(name), "main"), "nothing pushed");
  }

  @Test
  void missingRepositoryIsUnreachable() {
    RemoteRepo repo = authorized(server, GitHttpServer.uniqueName("never-created"));

    GitFailure.Unreachable e = assertThrows(GitFailure.Unreachable.class, () -> remote.read(repo, "main", ""));
    assertTrue(e.getMessage().contains(repo.url()), e.getMessage());
    assertNoSecret(e);
  }

  @Test
  void closedPortAndUnknownHostAreUnreachable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String refusedUrl = "http://127.0.0.1:" + closed + "/git/x.git";
    String unknownUrl = "https://no-such-host.invalid/org/project/_git/repo";

    for (String url : List.of(refusedUrl, unknownUrl)) {
      RemoteRepo repo =
          new RemoteRepo(url, new RemoteRepo.Credential.Token("git", io.fluxstrap.secret.Sensitive.of(FAKE_TOKEN)), true, null);
      GitFailure.Unreachable e = assertThrows(GitFailure.Unreachable.class, () -> remote.read(repo, "main", ""));
      assertTrue(e.getMessage().startsWith("cannot reach " + url), e.getMessage());
      assertNoSecret(e);
    }
  }

  @Test
  void plainHttpOnlyWhenAllowed() {
    String name = GitHttpServer.uniqueName("insecure");
    server.createBareRepo(name);
    RemoteRepo strict =
        new RemoteRepo(server.url(name), new RemoteRepo.Credential.Token("git", io.fluxstrap.secret.Sensitive.of(FAKE_TOKEN)), false, null);

    GitFailure e = assertThrows(GitFailure.class, () -> remote.read(strict, "main", ""));
    assertTrue(e.getMessage().contains("refusing plain http"), e.getMessage());
    assertTrue(e.getMessage().contains("allowInsecureHttp"), e.getMessage());
    assertNoSecret(e);
  }

  private static void assertNoSecret(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(String.valueOf(e.getMessage()).contains(FAKE_TOKEN), e.getMessage());
    assertFalse(e.toString().contains(FAKE_TOKEN), e.toString());
    assertFalse(trace.toString().contains(FAKE_TOKEN), trace.toString());
    assertNull(e.getCause(), "no JGit exception escapes the package");
  }
}
