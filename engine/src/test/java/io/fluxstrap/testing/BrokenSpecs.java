package io.fluxstrap.testing;

import io.fluxstrap.scenario.QuickstartFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The broken-spec cases under {@code specs/invalid/}, made ready to run: a case is a folder with
 * {@code spec.yaml} and {@code expected.txt}; a case too big to keep in Git (a huge file) has a
 * {@code pad.txt} giving how many bytes of YAML comment lines to append to its spec.
 */
public final class BrokenSpecs {
  private BrokenSpecs() {}

  /** Copies the case at {@code source} to {@code target}, padding its spec when it asks for it. */
  public static void materialize(Path source, Path target) throws IOException {
    QuickstartFiles.copy(source, target);
    Path pad = target.resolve("pad.txt");
    if (!Files.exists(pad)) return;
    long bytes = Long.parseLong(Files.readString(pad).strip());
    byte[] line = ("#" + "x".repeat(1022) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(target.resolve("spec.yaml"), StandardOpenOption.APPEND)) {
      for (long written = 0; written < bytes; written += line.length) out.write(line);
    }
  }
}
