package io.fluxstrap.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fluxstrap.testing.DebianPackages;
import io.fluxstrap.testing.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshFingerprintTest {
  @TempDir Path tmp;

  @Test
  void matchesSshKeygen() throws Exception {
    DebianPackages.ensure(List.of(Path.of("/usr/bin/ssh-keygen")), "openssh-client");
    Path key = tmp.resolve("id");
    Exec.Result gen = Exec.run(tmp, Map.of(), Duration.ofSeconds(60), List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "me@host", "-f", key.toString()));
    assertEquals(0, gen.exitCode(), gen::describe);
    Exec.Result fp = Exec.run(tmp, Map.of(), Duration.ofSeconds(60), List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub"));
    assertEquals(0, fp.exitCode(), fp::describe);
    String expected = fp.stdout().split("\\s+")[1];
    assertEquals(expected, SshFingerprint.of(Files.readString(tmp.resolve("id.pub"))));
  }

  @Test
  void notAKeyHasNoFingerprint() {
    assertNull(SshFingerprint.of("not-a-key"));
    assertNull(SshFingerprint.of("ssh-rsa !!!"));
    assertNull(SshFingerprint.of(null));
  }
}
