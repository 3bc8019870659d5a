package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands people and pipelines run most load only what they need, from the shipped jar (the
 * test class path would hide what the jar really loads): validate and plan --refresh=false on the
 * quickstart never load JGit, fabric8, Vert.x, Netty, the Azure SDK or the HTTP client. The class
 * list is the JVM's own (-Xlog:class+load), so a library loaded by any route shows up.
 */
class StartupFootprintIT {
  private static final List<String> HEAVY = List.of(
      "org.eclipse.jgit.", "io.fabric8.", "io.vertx.", "io.netty.", "com.azure.", "reactor.", "org.apache.sshd.",
      "org.bouncycastle.", "java.net.http.", "jdk.internal.net.http.", "java.util.logging.LogManager");
  /**
   * Classes loaded in all (the JDK's included; Java 17), a few percent above what the commands load
   * now (2,333 and 2,717 on 17.0.15), so that what a change adds to every run shows up here. Among
   * what they leave out: the JCE (javax.crypto), invokedynamic string concatenation.
   */
  private static final int VALIDATE_CLASSES = 2_400;
  private static final int PLAN_CLASSES = 2_800;

  @TempDir Path tmp;

  @Test
  void validateLoadsNoClientLibrary() throws IOException {
    Run run = run("validate", "-f", quickstart());
    assertEquals(0, run.result().exitCode(), run.result().describe());
    assertTrue(run.result().stdout().contains("is valid"), run.result().describe());
    assertEquals(List.of(), heavy(run.classes()));
    assertWithin(VALIDATE_CLASSES, run.classes());
  }

  @Test
  void planWithoutRefreshLoadsNoClientLibrary() throws IOException {
    Run run = run("plan", "-f", quickstart(), "--refresh=false", "--no-color");
    assertEquals(0, run.result().exitCode(), run.result().describe());
    assertTrue(run.result().stdout().contains("Plan:"), run.result().describe());
    assertTrue(run.classes().stream().anyMatch(c -> c.startsWith("io.fluxstrap.plan.")), "the class log is read");
    assertEquals(List.of(), heavy(run.classes()));
    assertEquals(List.of(), run.classes().stream().filter(c -> c.startsWith("javax.crypto.")).toList(), "no JCE set-up for a plan");
    assertWithin(PLAN_CLASSES, run.classes());
  }

  @Test
  void helpAndVersionWorkFromTheJar() throws IOException {
    Exec.Result help = run("--help").result();
    assertEquals(0, help.exitCode(), help.describe());
    assertTrue(help.stdout().contains("Usage: fluxstrap COMMAND"), help.describe());
    Exec.Result version = run("version").result();
    assertEquals("fluxstrap " + Version.VERSION, version.stdout().strip(), version.describe());
  }

  private static void assertWithin(int budget, List<String> classes) {
    assertTrue(classes.size() <= budget, classes.size() + " classes loaded, budget " + budget);
  }

  private record Run(Exec.Result result, List<String> classes) {}

  private static List<String> heavy(List<String> classes) {
    return classes.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)).toList();
  }

  private static String quickstart() {
    return Path.of("examples/quickstart.yaml").toAbsolutePath().toString();
  }

  private Run run(String... args) throws IOException {
    Path jar = Path.of("target/fluxstrap.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "run with mvn verify: the jar is built in package");
    Path log = tmp.resolve("classes-" + System.nanoTime() + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load=info:file=" + log, "-jar", jar.toString()));
    command.addAll(List.of(args));
    Exec.Result result = Exec.run(tmp, Map.of("GIT_PASSWORD", "footprint-token", "NO_COLOR", "1"), Duration.ofMinutes(2), command);
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      // "[info][class,load] java.lang.Object source: shared objects file"
      int start = line.indexOf("] ");
      int end = line.indexOf(' ', start + 2);
      if (start >= 0 && end > start) classes.add(line.substring(start + 2, end));
    }
    return new Run(result, classes);
  }
}
