package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1/localhost, made with
 * the {@code openssl} CLI: {@code ca.pem}, {@code server.pem} (certificate) and {@code server.key}
 * in the given directory.
 */
public final class TestCertificates {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TestCertificates() {}

  public static void write(Path dir) {
    DebianPackages.ensure(List.of(Path.of("/usr/bin/openssl")), "openssl");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("server.ext"),
          "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
              + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=fluxstrap test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
  }

  private static void openssl(Path dir, String... args) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Exec.run(dir, Map.of(), TIMEOUT, cmd).stdoutOrThrow();
  }
}
