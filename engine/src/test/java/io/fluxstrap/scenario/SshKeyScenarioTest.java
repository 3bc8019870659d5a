package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.SshKeyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 3 of the source page, for real: an ssh:// repository and an existing (encrypted) private
 * key; the CLI clones and pushes over a real OpenSSH server with strict host key checking, and the
 * cluster gets the key as given, its public half, known_hosts and the passphrase.
 */
class SshKeyScenarioTest {
  private static final String PASSPHRASE = "correct horse battery staple";

  @Test
  void encryptedRsaKeyPushesOverSshAndLandsInTheSecret(@TempDir Path dir) throws IOException {
    try (SshWorld w = new SshWorld(dir)) {
      SshKeyFile key = SshKeyFile.generate("rsa", 3072, PASSPHRASE);
      w.ssh.authorize(key.publicLine());
      w.writeKeySpec(key.privateKey(), w.ssh.knownHostsLine());
      CliRunner cli = new CliRunner(dir).env("KEY_PASS", PASSPHRASE);

      CliRunner.Result apply = cli.run("apply", "-f", "spec.yaml", "--auto-approve", "--no-color");
      assertEquals(0, apply.exit(), apply.all());
      String head = w.remoteHead();
      assertTrue(head != null && !head.isEmpty(), "pushed over SSH");

      Map<String, String> secret = w.secret();
      assertEquals(List.of("identity", "identity.pub", "known_hosts", "password"), List.copyOf(secret.keySet()));
      assertEquals(Files.readString(key.privateKey()), secret.get("identity"), "the key as given");
      assertEquals(PASSPHRASE, secret.get("password"));
      assertEquals(key.publicLine().split(" ")[1], secret.get("identity.pub").strip().split(" ")[1]);
      assertEquals(w.ssh.knownHostsLine().strip(), secret.get("known_hosts").strip());

      CliRunner.Result again = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode", "--no-color");
      assertEquals(0, again.exit(), again.all());
      assertTrue(again.out().contains("No changes."), again.out());

      CliRunner.Result saved = cli.run("plan", "-f", "spec.yaml", "-out", "p.fsp");
      assertEquals(0, saved.exit(), saved.all());
      SshHostnameScenarioTest.assertNoSecretIn(dir, List.of(Files.readString(key.privateKey()), PASSPHRASE),
          cli.everything());
    }
  }

  @Test
  void unknownHostKeyIsRefusedUnlessAcceptedExplicitly(@TempDir Path dir) {
    try (SshWorld w = new SshWorld(dir)) {
      SshKeyFile key = SshKeyFile.ed25519();
      w.ssh.authorize(key.publicLine());
      w.writeKeySpec(key.privateKey(), null);
      CliRunner cli = new CliRunner(dir);

      CliRunner.Result refused = cli.run("plan", "-f", "spec.yaml", "--no-color");
      assertEquals(1, refused.exit(), refused.all());
      assertTrue(refused.err().contains("is not known"), refused.err());
      assertTrue(refused.err().contains("--accept-host-key"), refused.err());

      CliRunner.Result accepted = cli.run("apply", "-f", "spec.yaml", "--accept-host-key", "--auto-approve", "--no-color");
      assertEquals(0, accepted.exit(), accepted.all());
      assertTrue(accepted.out().contains("ssh_host.127.0.0.1:" + w.ssh.port()), accepted.out());
      assertTrue(w.remoteHead() != null);
      // Recorded: later runs need no flag and see no change.
      CliRunner.Result later = cli.run("plan", "-f", "spec.yaml", "--detailed-exitcode", "--no-color");
      assertEquals(0, later.exit(), later.all());
    }
  }

  @Test
  void wrongPinnedHostKeyAndUnregisteredKeyAreRefusedBeforeAnythingChanges(@TempDir Path dir) {
    try (SshWorld w = new SshWorld(dir)) {
      SshKeyFile key = SshKeyFile.ed25519();
      SshKeyFile other = SshKeyFile.ed25519();
      w.ssh.authorize(key.publicLine());
      String wrong = "[127.0.0.1]:" + w.ssh.port() + " " + other.publicLine().split(" ")[0] + " " + other.publicLine().split(" ")[1];
      w.writeKeySpec(key.privateKey(), wrong);
      CliRunner cli = new CliRunner(dir);
      CliRunner.Result mismatch = cli.run("apply", "-f", "spec.yaml", "--auto-approve", "--no-color");
      assertEquals(1, mismatch.exit(), mismatch.all());
      assertTrue(mismatch.err().toLowerCase().contains("host key"), mismatch.err());
      assertFalse(mismatch.err().contains("Exception"), mismatch.err());
      assertNull(w.remoteHead());

      SshKeyFile unregistered = SshKeyFile.ed25519();
      w.writeKeySpec(unregistered.privateKey(), w.ssh.knownHostsLine());
      CliRunner.Result denied = cli.run("apply", "-f", "spec.yaml", "--auto-approve", "--no-color");
      assertEquals(1, denied.exit(), denied.all());
      assertTrue(denied.err().contains("authentication failed"), denied.err());
      assertTrue(denied.err().contains(unregistered.fingerprint()), denied.err());
      assertNull(w.remoteHead());
      assertFalse(Files.exists(w.stateFile("ssh-key")), "no state after refused runs");
    }
  }

  @Test
  void wrongPassphraseNamesTheFile(@TempDir Path dir) {
    try (SshWorld w = new SshWorld(dir)) {
      SshKeyFile key = SshKeyFile.generate("ed25519", 0, PASSPHRASE);
      w.writeKeySpec(key.privateKey(), w.ssh.knownHostsLine());
      CliRunner.Result r = new CliRunner(dir).env("KEY_PASS", "not it").run("plan", "-f", "spec.yaml");
      assertEquals(1, r.exit(), r.all());
      assertTrue(r.err().contains("wrong passphrase for " + key.privateKey()), r.err());
      assertFalse(r.all().contains("not it"));
    }
  }
}
