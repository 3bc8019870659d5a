package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        "git@ssh.dev.azure.com:v3/contoso/platform/fleet | scp-like SSH URLs are not supported; write it as 'ssh://git@ssh.dev.azure.com/v3/contoso/platform/fleet'",
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
}
