package io.fluxstrap.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ed25519 works with only what the shipped jar declares for SSH (sshd, BouncyCastle, slf4j) and
 * our classes: not thanks to the fabric8 mock server or anything else on the test class path.
 */
class BouncyCastleClassPathTest {
  private static final String PASS = "probe-passphrase";

  @TempDir Path dir;

  @Test
  void ed25519WorksWithOnlySshdAndBouncyCastle() throws Exception {
    Path key = dir.resolve("id_ed25519");
    Tools.sshKeygen("-q", "-t", "ed25519", "-N", PASS, "-f", key.toString());
    String expected = Tools.fingerprintField(Tools.sshKeygen("-l", "-f", key + ".pub"));

    Tools.Result ok = probe(classPath(true), key);
    assertEquals(0, ok.exit(), ok.err());
    List<String> lines = ok.out().lines().toList();
    assertTrue(lines.get(0).startsWith("SHA256:") && lines.get(0).contains(" ssh-ed25519 "), ok.out());
    assertEquals(expected, lines.get(1));

    // The control: without BouncyCastle the same probe fails, and says why.
    Tools.Result without = probe(classPath(false), key);
    assertNotEquals(0, without.exit(), without.out());
    assertTrue(without.err().contains("BouncyCastle is not available"), without.err());
  }

  private static String classPath(boolean withBouncyCastle) {
    List<String> wanted =
        withBouncyCastle
            ? List.of("/sshd-osgi-", "/bcprov-jdk18on-", "/bcpkix-jdk18on-", "/bcutil-jdk18on-", "/slf4j-api-", "/slf4j-nop-")
            : List.of("/sshd-osgi-", "/slf4j-api-", "/slf4j-nop-");
    String cp =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.endsWith(".jar") || wanted.stream().anyMatch(e::contains))
            .collect(Collectors.joining(File.pathSeparator));
    assertTrue(!cp.contains("kubernetes-server-mock") && !cp.contains("mockwebserver"), cp);
    assertEquals(wanted.size(), Arrays.stream(cp.split(File.pathSeparator)).filter(e -> e.endsWith(".jar")).count(), cp);
    return cp;
  }

  private static Tools.Result probe(String classPath, Path key) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    assertTrue(Files.isExecutable(Path.of(java)));
    return Tools.exec(List.of(java, "-cp", classPath, Ed25519Probe.class.getName(), key.toString(), PASS));
  }
}
