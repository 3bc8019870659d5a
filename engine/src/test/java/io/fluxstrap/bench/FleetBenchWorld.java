package io.fluxstrap.bench;

import io.fluxstrap.testing.FleetWorld;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The world of {@code bench/fleet.sh}, run as its own process so its memory and CPU are not
 * counted as fluxstrap's: N clusters on one mock API and one repository on lighttpd. Prints one
 * READY line, then answers commands on stdin, one per line: {@code reset} (zero the request
 * counters), {@code stats} (prints {@code STATS <api requests> <pushes>}), {@code quit}.
 */
public final class FleetBenchWorld {
  private FleetBenchWorld() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    try (FleetWorld world = new FleetWorld(dir, n, true)) {
      System.out.println("READY " + world.spec + " " + world.git.token() + " " + world.git.authUrl(world.repoName));
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        switch (line.strip()) {
          case "reset" -> {
            world.api.resetCounts();
            System.out.println("OK");
          }
          case "stats" -> System.out.println("STATS " + world.api.requests().values().stream().mapToLong(Long::longValue).sum()
              + " " + world.pushes());
          case "paths" -> {
            world.api.requestsTo(world.clusters.get(0)).forEach(p -> System.err.println("path " + p));
            System.out.println("OK");
          }
          case "quit" -> {
            return;
          }
          default -> System.out.println("ERR unknown command " + line);
        }
        System.out.flush();
      }
    }
  }
}
