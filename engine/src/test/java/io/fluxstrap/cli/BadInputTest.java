package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.BrokenSpecs;
import io.fluxstrap.testing.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken spec of the golden suite (types, ranges, lengths, control characters, nesting,
 * aliases, encodings, BOM, several documents, NUL, huge files), through the real CLI: validate,
 * plan and apply each exit 1 with exactly the expected {@code file:line:col: error:} lines, every
 * line naming the spec file, no stack trace, less than 20 kB of output, and the existing state
 * untouched (no lock, no backup, same bytes).
 */
class BadInputTest {
  static final String STATE = """
      {"version":1,"serial":3,"lineage":"11111111-2222-3333-4444-555555555555","writer":"test","resources":{}}
      """;

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyBrokenSpecIsReportedAtItsPositionAndChangesNothing() throws Exception {
    Path root = Path.of("engine/src/test/resources/specs/invalid");
    List<Path> cases;
    try (Stream<Path> s = Files.list(root)) {
      cases = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 60, "at least 60 broken specs, found " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private void check(Path source) throws IOException {
    Path dir = tmp.resolve(source.getFileName());
    BrokenSpecs.materialize(source, dir);
    Path state = dir.resolve("state/spec.state.json");
    Files.createDirectories(state.getParent());
    Files.writeString(state, STATE);
    byte[] before = Files.readAllBytes(state);
    String expected = String.join("\n", Files.readAllLines(dir.resolve("expected.txt")).stream().filter(l -> !l.isBlank()).toList());
    CliRunner cli = new CliRunner(dir).env("HOME", "/home/tester").env("GIT_PASSWORD", "pat-that-must-not-be-used");
    for (String[] args : List.of(new String[] {"validate", "-f", "spec.yaml"}, new String[] {"plan", "-f", "spec.yaml"},
        new String[] {"apply", "-f", "spec.yaml", "--auto-approve"})) {
      CliRunner.Result r = cli.run(args);
      assertEquals(1, r.exit(), args[0] + " " + r);
      assertEquals(expected, r.err().strip(), args[0] + " of " + source.getFileName());
      assertEquals("", r.out(), "nothing on stdout for " + args[0]);
      assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
      assertTrue(r.all().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 20_000, "output under 20 kB: " + r.all().length());
      for (String line : r.err().strip().split("\n")) assertTrue(line.startsWith("spec.yaml"), "located: " + line);
    }
    assertArrayEquals(before, Files.readAllBytes(state), "state untouched");
    try (Stream<Path> s = Files.list(state.getParent())) {
      assertEquals(List.of("spec.state.json"), s.map(p -> p.getFileName().toString()).toList(), "no lock, no backup");
    }
  }

  /** Like javac: hundreds of faulty clusters show the first 50 errors, then how many more there are. */
  @Test
  void anErrorFloodStopsAfterFiftyErrors() throws IOException {
    StringBuilder spec = new StringBuilder("repositories:\n  fleet:\n    url: https://dev.azure.com/contoso/platform/_git/fleet\nclusters:\n");
    for (int i = 0; i < 300; i++) {
      spec.append("  c").append(i).append(": {kubeconfig: {}, repository: flet, path: c").append(i)
          .append(", flux: {manifests: {sha256: ").append("a".repeat(64)).append("}}}\n");
    }
    Files.writeString(tmp.resolve("spec.yaml"), spec);
    CliRunner.Result r = new CliRunner(tmp).run("validate", "-f", "spec.yaml");
    assertEquals(1, r.exit());
    List<String> lines = r.err().lines().toList();
    assertEquals(51, lines.size(), r.err());
    assertEquals("spec.yaml:5:36: error: unknown repository 'flet' (did you mean 'fleet'?)", lines.get(0));
    assertTrue(lines.subList(0, 50).stream().allMatch(l -> l.contains(": error: unknown repository 'flet'")), r.err());
    assertEquals("... and 250 more errors", lines.get(50));
    assertTrue(r.err().length() < 20_000, "output under 20 kB: " + r.err().length());
  }

  @Test
  void unknownFlagsAndCommandsAreClearErrors() {
    CliRunner cli = new CliRunner(tmp);
    CliRunner.Result flag = cli.run("plan", "--frobnicate");
    assertEquals(1, flag.exit());
    assertTrue(flag.err().contains("unrecognized option: --frobnicate") && flag.err().contains("fluxstrap plan --help"), flag.err());
    CliRunner.Result cmd = cli.run("plna");
    assertEquals(1, cmd.exit());
    assertTrue(cmd.err().contains("unknown command 'plna'"), cmd.err());
    CliRunner.Result missing = cli.run("plan", "-f", "nope.yaml");
    assertEquals(1, missing.exit());
    assertEquals("error: spec file nope.yaml does not exist", missing.err().strip());
    CliRunner.Result refresh = cli.run("plan", "-f", "nope.yaml", "--refresh=maybe");
    assertEquals(1, refresh.exit());
  }
}
