package io.fluxstrap.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A fresh "checkout" of examples/ in a temp folder, so the quickstart's state stays there. */
public final class QuickstartFiles {
  private QuickstartFiles() {}

  public static void copyExamples(Path root) throws IOException {
    copy(Path.of("examples"), root.resolve("examples"));
  }

  /**
   * {@link #copyExamples}, with the quickstart's {@code state:} block replaced by {@code stateBlock}
   * (YAML starting with {@code state:}); returns the quickstart spec's path.
   */
  public static Path withState(Path root, String stateBlock) throws IOException {
    copyExamples(root);
    Path spec = root.resolve("examples/quickstart.yaml");
    Files.writeString(spec, Files.readString(spec).replaceFirst("(?m)^state:\n(  .*\n)*", java.util.regex.Matcher.quoteReplacement(stateBlock)));
    return spec;
  }

  /** Copies a folder tree. */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
