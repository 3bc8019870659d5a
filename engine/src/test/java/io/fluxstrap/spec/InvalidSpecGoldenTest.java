package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.Severity;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.testing.BrokenSpecs;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One folder per broken spec under {@code specs/invalid/}: {@code spec.yaml} must fail to load
 * with exactly the lines of {@code expected.txt} ({@code spec.yaml:L:C: error: message}, in line
 * order). When a case has {@code secret.txt}, that text must appear nowhere in the output.
 */
class InvalidSpecGoldenTest {
  static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

  static Path casesRoot() throws URISyntaxException {
    return Path.of(InvalidSpecGoldenTest.class.getResource("/specs/invalid").toURI());
  }

  static List<Path> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(casesRoot())) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @TempDir Path tmp;

  @Test
  void thereAreEnoughCases() throws Exception {
    assertTrue(cases().size() >= 60, "at least 60 golden cases, found " + cases().size());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseReportsExactlyItsExpectedDiagnostics() throws Exception {
    return cases().stream().map(source -> DynamicTest.dynamicTest(source.getFileName().toString(), () -> {
      Path dir = tmp.resolve(source.getFileName());
      BrokenSpecs.materialize(source, dir);
      check(dir);
    }));
  }

  private static void check(Path dir) throws IOException {
    Path spec = dir.resolve("spec.yaml");
    UserException e = assertThrows(UserException.class, () -> new SpecLoader(ENV).load(spec));
    List<String> actual = e.diagnostics().stream().map(d -> relative(d, dir)).toList();
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream().filter(l -> !l.isBlank()).toList();
    assertEquals(String.join("\n", expected), String.join("\n", actual), dir.getFileName().toString());
    assertTrue(e.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR));
    for (Diagnostic d : e.diagnostics()) {
      String text = d.render();
      assertFalse(text.endsWith("."), "no trailing period: " + text);
      assertFalse(Character.isUpperCase(d.summary().charAt(0)), "lower-case first word: " + text);
      assertFalse(text.matches("(?s).*\\b(java|com|org|tools)\\.[a-z]+\\.[A-Za-z.]+.*"), "no Java class names: " + text);
      assertFalse(text.contains("Exception"), "no exception names: " + text);
    }
    Path secret = dir.resolve("secret.txt");
    if (Files.exists(secret)) {
      String value = Files.readString(secret).strip();
      assertTrue(new String(Files.readAllBytes(spec), java.nio.charset.StandardCharsets.UTF_8).contains(value), "the secret is in the spec");
      assertFalse(actual.toString().contains(value), "the secret must not be echoed");
      assertFalse(e.getMessage().contains(value), "the secret must not be in the exception message");
    }
  }

  private static String relative(Diagnostic d, Path dir) {
    return d.render().replace(dir.toString() + File.separator, "");
  }
}
