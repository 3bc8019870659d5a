package io.fluxstrap.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Runs the real OpenSSH / OpenSSL tools, installing their Debian packages when missing. */
final class Tools {
  private Tools() {}

  record Result(int exit, String out, String err) {}

  static synchronized void require(String command, String debianPackage) {
    if (exec(List.of("sh", "-c", "command -v " + command)).exit() == 0) {
      return;
    }
    if (exec(List.of("apt-get", "install", "-y", debianPackage)).exit() != 0) {
      exec(List.of("apt-get", "update"));
      Result r = exec(List.of("apt-get", "install", "-y", debianPackage));
      assertEquals(0, r.exit(), "apt-get install " + debianPackage + ": " + r.err());
    }
  }

  static String sshKeygen(String... args) {
    require("ssh-keygen", "openssh-client");
    List<String> cmd = new ArrayList<>(List.of("ssh-keygen"));
    cmd.addAll(List.of(args));
    return ok(cmd);
  }

  static String openssl(String... args) {
    require("openssl", "openssl");
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    return ok(cmd);
  }

  static String ok(List<String> cmd) {
    Result r = exec(cmd);
    assertEquals(0, r.exit(), String.join(" ", cmd) + " failed: " + r.err() + r.out());
    return r.out();
  }

  static Result exec(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      byte[] err = p.getErrorStream().readAllBytes();
      byte[] out = p.getInputStream().readAllBytes();
      int exit = p.waitFor();
      return new Result(
          exit, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(127, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The first two fields of a key line: type and base64 (drops a comment). */
  static String typeAndKey(String line) {
    String[] f = line.trim().split("\\s+");
    return f[0] + " " + f[1];
  }

  /** The fingerprint field of {@code ssh-keygen -l} output: {@code 256 SHA256:... comment (TYPE)}. */
  static String fingerprintField(String keygenLine) {
    return keygenLine.trim().split("\\s+")[1];
  }

  static Path writePrivate(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
