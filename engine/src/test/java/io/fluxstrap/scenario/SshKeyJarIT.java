package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.SshKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 3 from the shipped jar (target/fluxstrap.jar, built by `mvn verify` before this runs): an
 * encrypted Ed25519 key pushes over a real OpenSSH server. Ed25519 needs BouncyCastle on the
 * jar's own classpath, which the test classpath would hide.
 */
class SshKeyJarIT {
  @Test
  void encryptedEd25519KeyWorksFromTheShippedJar(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target/fluxstrap.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "run with mvn verify: the jar is built in package");
    try (SshWorld w = new SshWorld(dir)) {
      SshKeyFile key = SshKeyFile.generate("ed25519", 0, "jar passphrase");
      w.ssh.authorize(key.publicLine());
      w.writeKeySpec(key.privateKey(), w.ssh.knownHostsLine());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Exec.Result r = Exec.run(dir, Map.of("KEY_PASS", "jar passphrase", "NO_COLOR", "1"), Duration.ofMinutes(3),
          List.of(java, "-jar", jar.toString(), "apply", "-f", "spec.yaml", "--auto-approve"));
      assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
      assertTrue(r.stdout().contains("Apply complete!"), r.stdout());
      Map<String, String> secret = w.secret();
      assertEquals(Files.readString(key.privateKey()), secret.get("identity"));
      assertEquals("jar passphrase", secret.get("password"));
      assertTrue(w.remoteHead() != null, "pushed over SSH from the jar");
      Exec.Result again = Exec.run(dir, Map.of("KEY_PASS", "jar passphrase", "NO_COLOR", "1"), Duration.ofMinutes(3),
          List.of(java, "-jar", jar.toString(), "plan", "-f", "spec.yaml", "--detailed-exitcode"));
      assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
    }
  }
}
