package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitUrlsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://dev.azure.com/contoso/platform/_git/fleet, https://dev.azure.com/contoso/platform/_git/fleet",
    "https://contoso@dev.azure.com/contoso/platform/_git/fleet, https://dev.azure.com/contoso/platform/_git/fleet",
    "HTTPS://Dev.Azure.com/contoso/platform/_git/fleet/, https://dev.azure.com/contoso/platform/_git/fleet",
    "https://dev.azure.com/contoso/My%20Project/_git/fleet, https://dev.azure.com/contoso/My%20Project/_git/fleet",
    "https://contoso.visualstudio.com/platform/_git/fleet, https://contoso.visualstudio.com/platform/_git/fleet",
    "https://git.example.com:8443/team/fleet.git, https://git.example.com:8443/team/fleet.git",
    "https://git.example.com/team/fleet.git/, https://git.example.com/team/fleet.git",
    "ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "ssh://git@git.example.com:2222/team/fleet.git, ssh://git@git.example.com:2222/team/fleet.git",
    "file:///srv/git/fleet.git/, file:///srv/git/fleet.git",
    "'  https://git.example.com/fleet  ', https://git.example.com/fleet",
    "git@ssh.dev.azure.com:v3/contoso/platform/fleet, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "git@GitHub.com:team/fleet.git, ssh://git@github.com/team/fleet.git",
    "contoso@vs-ssh.visualstudio.com:v3/contoso/platform/fleet, ssh://contoso@vs-ssh.visualstudio.com/v3/contoso/platform/fleet",
  })
  void normalises(String raw, String expected) {
    Normalized n = GitUrls.check(raw, false);
    assertNull(n.problem());
    assertEquals(expected, n.value());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://example.com/fleet.git | unsupported URL scheme 'ftp' (expected https, http, ssh or file)",
        "fleet | not a URL (expected https://, ssh:// or file://)",
        "http://git.example.com/fleet | http:// sends the PAT in clear text; set allowInsecureHttp: true to allow it",
        "https://dev.azure.com/contoso/fleet | an Azure DevOps URL looks like https://dev.azure.com/{org}/{project}/_git/{repo}",
        "https://dev.azure.com/contoso/platform/_git/fleet/extra | an Azure DevOps URL looks like https://dev.azure.com/{org}/{project}/_git/{repo}",
        "https://dev.azure.com/contoso//_git/fleet | an Azure DevOps URL looks like https://dev.azure.com/{org}/{project}/_git/{repo}",
        "ssh://git@ssh.dev.azure.com/contoso/platform/_git/fleet | an Azure DevOps SSH URL looks like ssh://git@ssh.dev.azure.com/v3/{org}/{project}/{repo}",
        "https://bob@github.com/team/fleet | the URL must not contain a user name; set auth.token.username instead",
        "https://git.example.com | the URL has no repository path",
        "https:///fleet | the URL has no host",
        "https://dev.azure.com/contoso/platform/_git/fleet?path=/ | a Git URL has no query (?...) or fragment (#...); copy the clone URL",
        "file://server/share/fleet.git | a file URL names a local path: file:///path/to/repo.git",
        "git@ssh.dev.azure.com:contoso/platform/_git/fleet | an Azure DevOps SSH URL looks like ssh://git@ssh.dev.azure.com/v3/{org}/{project}/{repo}",
        "ssh://contoso@vs-ssh.visualstudio.com/contoso/platform/fleet | an Azure DevOps SSH URL looks like ssh://git@ssh.dev.azure.com/v3/{org}/{project}/{repo}",
        "https://git.example.com/my fleet | invalid URL (illegal character in path at position 27)",
      })
  void refuses(String raw, String problem) {
    Normalized n = GitUrls.check(raw, false);
    assertNull(n.value());
    assertEquals(problem, n.problem());
  }

  @Test
  void httpIsAllowedOnlyWhenAskedFor() {
    assertEquals("http://git.example.com/fleet", GitUrls.check("http://git.example.com/fleet/", true).value());
    assertFalse(GitUrls.check("http://git.example.com/fleet", false).ok());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://contoso:hunter2-pat@dev.azure.com/contoso/platform/_git/fleet",
        "https://user:hunter2-pat@git.example.com/fleet.git",
        "ssh://git:hunter2-pat@git.example.com/fleet.git",
        "https://user:hunter2-pat@git.example.com/my fleet",
        "git:hunter2-pat@git.example.com:team/fleet.git",
      })
  void aPasswordIsRefusedWithoutBeingRepeated(String raw) {
    Normalized n = GitUrls.check(raw, true);
    assertFalse(n.ok());
    assertFalse(n.problem().contains("hunter2"), n.problem());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "git@ssh.dev.azure.com:v3/contoso/platform/fleet, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "git@github.com:team/fleet.git, ssh://git@github.com/team/fleet.git",
    "git.example.com:/srv/git/fleet.git, ssh://git.example.com/srv/git/fleet.git",
  })
  void rewritesScpLikeSsh(String scp, String url) {
    assertEquals(Optional.of(url), GitUrls.scpToSsh(scp));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://github.com/team/fleet.git", "C:/repos/fleet", "./fleet.git", "fleet", "host:"})
  void leavesWhatIsNotScpLikeAlone(String text) {
    assertEquals(Optional.empty(), GitUrls.scpToSsh(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://dev.azure.com/contoso/platform/_git/fleet, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "https://contoso@dev.azure.com/contoso/platform/_git/fleet/, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "https://contoso.visualstudio.com/platform/_git/fleet, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "https://contoso.visualstudio.com/DefaultCollection/platform/_git/fleet, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
  })
  void convertsAzureDevOpsHttpsToSsh(String https, String ssh) {
    assertEquals(Optional.of(ssh), GitUrls.azureDevOpsSshUrl(https));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://github.com/team/fleet", "https://dev.azure.com/contoso/fleet", "ssh://git@ssh.dev.azure.com/v3/a/b/c"})
  void convertsNothingElse(String url) {
    assertEquals(Optional.empty(), GitUrls.azureDevOpsSshUrl(url));
  }

  @Test
  void recognisesAzureDevOps() {
    assertTrue(GitUrls.isAzureDevOps("https://dev.azure.com/contoso/platform/_git/fleet"));
    assertTrue(GitUrls.isAzureDevOps("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet"));
    assertTrue(GitUrls.isAzureDevOps("https://contoso.visualstudio.com/platform/_git/fleet"));
    assertFalse(GitUrls.isAzureDevOps("https://github.com/team/fleet"));
    assertFalse(GitUrls.isAzureDevOps("https://dev.azure.com.evil.example/x"));
  }

  @ParameterizedTest(name = "{0} via {1} -> {2}")
  @CsvSource({
    "https://dev.azure.com/contoso/platform/_git/fleet, ssh.dev.azure.com, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "https://contoso@dev.azure.com/contoso/platform/_git/fleet/, ssh.dev.azure.com, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "https://contoso.visualstudio.com/platform/_git/fleet, ssh.dev.azure.com, ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet",
    "https://contoso.visualstudio.com/DefaultCollection/platform/_git/fleet, vs-ssh.visualstudio.com, ssh://git@vs-ssh.visualstudio.com/v3/contoso/platform/fleet",
    "https://dev.azure.com/contoso/platform/_git/fleet, 127.0.0.1:2222, ssh://git@127.0.0.1:2222/v3/contoso/platform/fleet",
    "https://git.example.com/team/repo.git, git.example.com, ssh://git@git.example.com/team/repo.git",
    "https://git.example.com:8443/team/repo.git, git.example.com:2222, ssh://git@git.example.com:2222/team/repo.git",
    "ssh://git@git.example.com/team/repo.git, mirror.example.com, ssh://git@mirror.example.com/team/repo.git",
    "file:///srv/git/fleet.git, [::1]:2222, ssh://git@[::1]:2222/srv/git/fleet.git",
  })
  void derivesTheSshSyncUrl(String repositoryUrl, String hostname, String expected) {
    assertEquals(expected, GitUrls.sshSyncUrl(repositoryUrl, hostname));
  }

  @Test
  void anSshRepositoryUrlWithoutHostnameIsSyncedAsIs() {
    assertEquals("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet", GitUrls.sshSyncUrl("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet", null));
    assertEquals("ssh://git@127.0.0.1:2222/v3/o/p/r", GitUrls.sshSyncUrl("ssh://git@127.0.0.1:2222/v3/o/p/r", null));
    assertThrows(IllegalArgumentException.class, () -> GitUrls.sshSyncUrl("https://git.example.com/team/repo.git", null));
  }

  @Test
  void recognisesAzureDevOpsSshHosts() {
    assertTrue(GitUrls.isAzureDevOpsSshHost("ssh.dev.azure.com"));
    assertTrue(GitUrls.isAzureDevOpsSshHost("SSH.dev.azure.com:22"));
    assertTrue(GitUrls.isAzureDevOpsSshHost("vs-ssh.visualstudio.com"));
    assertFalse(GitUrls.isAzureDevOpsSshHost("dev.azure.com"));
    assertFalse(GitUrls.isAzureDevOpsSshHost("ssh.dev.azure.com.evil.example"));
    assertFalse(GitUrls.isAzureDevOpsSshHost("127.0.0.1:2222"));
    assertFalse(GitUrls.isAzureDevOpsSshHost(null));
  }

  @Test
  void namesTheHostOfAnSshUrl() {
    assertEquals("ssh.dev.azure.com", GitUrls.sshHost("ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet"));
    assertEquals("127.0.0.1:2222", GitUrls.sshHost("ssh://git@127.0.0.1:2222/v3/o/p/r"));
    assertNull(GitUrls.sshHost("https://dev.azure.com/contoso/platform/_git/fleet"));
  }
}
