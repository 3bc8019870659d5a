package io.fluxstrap.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the Debian packages a test needs when they are missing: CI runs on a fresh machine, as
 * root, where {@code apt-get install} works (after {@code apt-get update} when the package lists
 * are stale or absent). Installing what is already present is skipped, so this is cheap to call
 * from every fixture.
 */
public final class DebianPackages {
  private static final Duration APT_TIMEOUT = Duration.ofMinutes(5);
  private static final Map<String, String> APT_ENV = Map.of("DEBIAN_FRONTEND", "noninteractive");

  private DebianPackages() {}

  /** Ensures every file in {@code mustExist} exists, installing {@code packages} if one does not. */
  public static synchronized void ensure(List<Path> mustExist, String... packages) {
    if (mustExist.stream().allMatch(Files::exists)) {
      return;
    }
    Exec.Result first = install(packages);
    if (!first.ok()) {
      Exec.run(null, APT_ENV, APT_TIMEOUT, List.of("apt-get", "update")).stdoutOrThrow();
      install(packages).stdoutOrThrow();
    }
    for (Path p : mustExist) {
      if (!Files.exists(p)) {
        throw new IllegalStateException("installed " + List.of(packages) + " but " + p + " is still missing");
      }
    }
  }

  private static Exec.Result install(String... packages) {
    List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    cmd.addAll(List.of(packages));
    return Exec.run(null, APT_ENV, APT_TIMEOUT, cmd);
  }
}
