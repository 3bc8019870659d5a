package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSH value checkers: hostnames ({@link SshHosts}) and pinned known_hosts ({@link KnownHosts}). */
class SshCheckersTest {
  static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
  static final String RSA =
      "AAAAB3NzaC1yc2EAAAADAQABAAAAgQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2BhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gA==";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ssh.dev.azure.com, ssh.dev.azure.com",
    "' SSH.Dev.Azure.com ', ssh.dev.azure.com",
    "127.0.0.1:2222, 127.0.0.1:2222",
    "git.example.com:02222, git.example.com:2222",
    "[::1], [::1]",
    "'[::1]:2222', '[::1]:2222'",
    "git_01.internal, git_01.internal",
  })
  void acceptsHostAndHostPort(String raw, String expected) {
    assertEquals(Normalized.of(expected), SshHosts.check(raw));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ssh://ssh.dev.azure.com | a hostname has no scheme; write just the host, e.g. ssh.dev.azure.com or git.example.com:2222",
        "git@ssh.dev.azure.com | a hostname has no user (the cluster connects as 'git'); write just the host, e.g. ssh.dev.azure.com or git.example.com:2222",
        "ssh.dev.azure.com/v3 | a hostname has no path (the path comes from the repository URL); write just the host, e.g. ssh.dev.azure.com or git.example.com:2222",
        "host:0 | invalid port '0' in hostname (expected 1 to 65535)",
        "host:65536 | invalid port '65536' in hostname (expected 1 to 65535)",
        "host: | invalid port '' in hostname (expected 1 to 65535)",
        "a:b:c | invalid hostname 'a:b:c' (expected host or host:port, e.g. ssh.dev.azure.com or git.example.com:2222)",
        "-bad.example | invalid hostname '-bad.example' (expected host or host:port, e.g. ssh.dev.azure.com or git.example.com:2222)",
        "bad..example | invalid hostname 'bad..example' (expected host or host:port, e.g. ssh.dev.azure.com or git.example.com:2222)",
      })
  void refusesWhatIsNotAHostname(String raw, String problem) {
    assertEquals(Normalized.problem(problem), SshHosts.check(raw));
  }

  @Test
  void splitsHostAndPortTheWayKnownHostsNamesThem() {
    assertEquals("ssh.dev.azure.com", SshHosts.knownHostsName("ssh.dev.azure.com"));
    assertEquals("ssh.dev.azure.com", SshHosts.knownHostsName("ssh.dev.azure.com:22"));
    assertEquals("[127.0.0.1]:2222", SshHosts.knownHostsName("127.0.0.1:2222"));
    assertEquals("[::1]:2222", SshHosts.knownHostsName("[::1]:2222"));
    assertEquals("[::1]", SshHosts.hostName("[::1]"));
    assertEquals(22, SshHosts.port("[::1]"));
    assertEquals(2222, SshHosts.port("127.0.0.1:2222"));
  }

  @Test
  void acceptsKnownHostsLinesWithCommentsAndBlankLines() {
    String text = "# pinned\n\nssh.dev.azure.com ssh-rsa " + RSA + "\r\n[127.0.0.1]:2222,git.lab ssh-ed25519 " + ED25519 + " lab host\n";
    assertEquals(List.of(), KnownHosts.check(text));
    assertEquals(
        List.of(new KnownHosts.Entry(3, "ssh.dev.azure.com", "ssh-rsa"), new KnownHosts.Entry(4, "[127.0.0.1]:2222,git.lab", "ssh-ed25519")),
        KnownHosts.entries(text));
  }

  @Test
  void reportsEachBadKnownHostsLineByItsNumber() {
    String text = "h ssh-rsa " + RSA + "\nh ssh-dss AAAA\nh ssh-ed25519\nh ssh-ed25519 %%%\nh ssh-rsa " + ED25519 + "\nh ssh-ed25519 AAAA\n";
    List<KnownHosts.Problem> problems = KnownHosts.check(text);
    assertEquals(List.of(2, 3, 4, 5, 6), problems.stream().map(KnownHosts.Problem::line).toList());
    assertTrue(problems.get(0).message().startsWith("unknown key type 'ssh-dss'"), problems.get(0).message());
    assertEquals("the key is of type 'ssh-ed25519', not 'ssh-rsa'", problems.get(3).message());
    assertEquals("the key data is not a valid 'ssh-ed25519' key", problems.get(4).message());
    assertEquals(List.of(new KnownHosts.Entry(1, "h", "ssh-rsa")), KnownHosts.entries(text));
  }

  @Test
  void knownHostsWithoutAnyKeyIsAProblem() {
    assertEquals(List.of(new KnownHosts.Problem(0, "no host key lines (expected 'hosts keytype key' per line)")), KnownHosts.check("# none\n\n"));
    assertNull(GitUrls.sshHost("not a url"));
  }
}
