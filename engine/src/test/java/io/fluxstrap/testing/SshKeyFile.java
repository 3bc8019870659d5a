package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SSH key pair made by the real {@code ssh-keygen} (OpenSSH format, mode 0600), as a user
 * would have it: {@code privateKey} is the file, {@code publicLine} its {@code .pub} line, {@code
 * fingerprint} what {@code ssh-keygen -l} prints ({@code SHA256:...}).
 */
public record SshKeyFile(Path privateKey, String publicLine, String fingerprint) {
  private static SshKeyFile rsa4096;

  /** One RSA 4096 key per JVM (generating it takes up to 2 s). */
  public static synchronized SshKeyFile rsa4096() {
    if (rsa4096 == null) {
      rsa4096 = generate("rsa", 4096, "");
    }
    return rsa4096;
  }

  public static SshKeyFile ed25519() {
    return generate("ed25519", 0, "");
  }

  public static SshKeyFile ecdsa(int bits) {
    return generate("ecdsa", bits, "");
  }

  /** A new key of {@code type} ({@code rsa}, {@code ecdsa}, {@code ed25519}); bits 0 = default. */
  public static SshKeyFile generate(String type, int bits, String passphrase) {
    try {
      Path file = Files.createTempDirectory("ssh-key-").resolve("id_" + type);
      List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "test@" + type));
      if (bits > 0) {
        cmd.addAll(List.of("-b", Integer.toString(bits)));
      }
      cmd.addAll(List.of("-f", file.toString()));
      run(cmd);
      String publicLine = Files.readString(Path.of(file + ".pub")).strip();
      String listed = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", file + ".pub"));
      return new SshKeyFile(file, publicLine, listed.split("\\s+")[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(List<String> cmd) {
    return Exec.run(null, Map.of(), Duration.ofSeconds(60), cmd).stdoutOrThrow();
  }

  @Override
  public String toString() {
    return "SshKeyFile[" + fingerprint + "]";
  }
}
