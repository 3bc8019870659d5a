package io.fluxstrap.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.GitSshServer;
import io.fluxstrap.testing.SshKeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own SSH setup never takes part: a fresh JVM whose HOME holds a decoy ~/.ssh (an
 * id_rsa the server accepts, a known_hosts that trusts the server, a config that turns host key
 * checking off) must still refuse a key the server does not know and a wrong pinned host key, and
 * must leave HOME untouched (no JGit file-system probe, nothing written).
 */
class SshFreshHomeTest {
  @TempDir Path tmp;

  @Test
  void theUsersSshFolderIsNeverUsed() throws IOException {
    GitSshServer server = GitSshServer.shared();
    SshKeyFile key = SshKeyFile.ed25519();
    SshKeyFile stranger = SshKeyFile.ed25519();
    SshKeyFile decoy = SshKeyFile.generate("rsa", 2048, "");
    server.authorize(key.publicLine());
    server.authorize(decoy.publicLine());
    String path = GitSshServer.uniquePath("ssh-fresh");
    server.createBareRepo(path);
    Path home = decoyHome(server, decoy);
    List<Path> before = listing(home);
    String wrongPin =
        "[127.0.0.1]:" + server.port() + " " + GitSshServer.publicKeyPart(SshKeyFile.generate("rsa", 2048, "").publicLine());

    Exec.Result run = runFresh(home, server.url(path), server.knownHostsLine(), wrongPin, key, stranger);

    assertTrue(run.ok(), run.describe());
    List<String> lines = run.stdout().lines().toList();
    assertEquals(3, lines.size(), run.describe());
    assertTrue(lines.get(0).startsWith("stranger=AuthFailed: "), run.describe());
    assertTrue(lines.get(0).contains(stranger.fingerprint()), run.describe());
    assertTrue(lines.get(1).startsWith("wrongPin=GitFailure: "), run.describe());
    assertTrue(lines.get(1).contains("does not match the known_hosts entry"), run.describe());
    assertTrue(lines.get(2).startsWith("ok=ms="), run.describe());
    String head = lines.get(2).replaceFirst(".*head=", "");
    assertEquals(head, server.git(key.privateKey()).remoteHead(server.url(path), "main"));
    assertEquals(before, listing(home), "nothing written under HOME");
    assertFalse(Files.exists(home.resolve(".config/jgit/config")), "JGit measured the file system");
  }

  private Path decoyHome(GitSshServer server, SshKeyFile decoy) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Files.copy(decoy.privateKey(), ssh.resolve("id_rsa"));
    Files.writeString(ssh.resolve("id_rsa.pub"), decoy.publicLine() + "\n");
    Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine() + "\n");
    Files.writeString(
        ssh.resolve("config"),
        "Host *\n  IdentityFile ~/.ssh/id_rsa\n  StrictHostKeyChecking no\n  UserKnownHostsFile ~/.ssh/known_hosts\n");
    return home;
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }

  private static Exec.Result runFresh(
      Path home, String url, String rightPin, String wrongPin, SshKeyFile key, SshKeyFile stranger) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return Exec.run(
        null,
        Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString()),
        Duration.ofSeconds(90),
        List.of(
            java,
            "-Duser.home=" + home,
            "-cp",
            System.getProperty("java.class.path"),
            SshFreshHomeRun.class.getName(),
            url,
            "main",
            rightPin,
            wrongPin,
            key.privateKey().toString(),
            key.fingerprint(),
            stranger.privateKey().toString(),
            stranger.fingerprint()));
  }
}
