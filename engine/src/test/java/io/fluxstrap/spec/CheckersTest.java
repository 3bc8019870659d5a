package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small value checkers the loader is built from: paths, branches, durations, suggestions. */
class CheckersTest {
  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource({"'', ''", "./, ''", "clusters/prod, clusters/prod", "./clusters/prod, clusters/prod", "clusters/.github/x, clusters/.github/x", "a-b_c.d/e, a-b_c.d/e"})
  void normalisesRepositoryPaths(String raw, String expected) {
    assertEquals(Normalized.of(expected), RepoPaths.normalize(raw));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "../prod | path escapes the repository ('..')",
        "clusters/../../prod | path escapes the repository ('..')",
        "/clusters/prod | path must be relative to the repository root",
        "C:/clusters | path must be relative to the repository root",
        "clusters\\prod | path must use '/' between folders, not '\\'",
        "clusters//prod | path must not contain empty folders ('//')",
        "clusters/./prod | path must not contain '.' folders",
        ". | path must not contain '.' folders",
        "clusters/prod/ | path must not end with '/' (write 'clusters/prod')",
        "./clusters/prod// | path must not end with '/' (write 'clusters/prod')",
        "clusters/.git/prod | path must not contain a '.git' folder (Git refuses to commit into its own folder)",
        ".GIT | path must not contain a '.GIT' folder (Git refuses to commit into its own folder)",
        "a/git~1 | path must not contain a 'git~1' folder (Git refuses to commit into its own folder)",
        "clusters/prod. | folder 'prod.' must not end with '.' or a space (Git refuses such paths on Windows checkouts)",
        "clusters/.git. | folder '.git.' must not end with '.' or a space (Git refuses such paths on Windows checkouts)",
        "'prod /x' | folder 'prod ' must not end with '.' or a space (Git refuses such paths on Windows checkouts)",
      })
  void refusesPathsThatEscapeOrAlias(String raw, String problem) {
    assertEquals(Normalized.problem(problem), RepoPaths.normalize(raw));
  }

  @Test
  void refusesControlCharactersAndOverlongFolders() {
    assertEquals(Normalized.problem("path must not contain control characters (U+0000 at character 9)"), RepoPaths.normalize("clusters\u0000/prod"));
    assertEquals(Normalized.problem("path must not contain control characters (U+001B at character 2)"), RepoPaths.normalize("a\u001b"));
    assertEquals(Normalized.problem("path must not contain control characters (U+007F at character 1)"), RepoPaths.normalize("\u007f"));
    String folder = "x".repeat(RepoPaths.MAX_SEGMENT_BYTES);
    assertEquals(Normalized.of("a/" + folder), RepoPaths.normalize("a/" + folder));
    String wide = "\u00e9".repeat(128); // 256 bytes in UTF-8
    assertEquals("folder '" + "\u00e9".repeat(SpecLimits.QUOTED) + "... (128 characters)' is longer than 255 bytes", RepoPaths.normalize("a/" + wide).problem());
  }

  @ParameterizedTest
  @ValueSource(strings = {"main", "release/2026.1", "feature/x-y_z", "users/anna/fix#12", "v1.0"})
  void acceptsValidBranchNames(String name) {
    assertEquals(Optional.empty(), BranchNames.problem(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "@", "HEAD", "-x", "refs/heads/main", "/main", "main/", "a//b", "main.", "a..b", "a@{1}", "a b", "a~1", "a^", "a:b",
        "a?", "a*", "a[", "a\\b", "a\tb", ".hidden", "x/.y", "main.lock", "x.lock/y"})
  void refusesInvalidBranchNames(String name) {
    assertTrue(BranchNames.problem(name).isPresent(), name);
  }

  @Test
  void branchPartsFitInAFileNameWithItsLockSuffix() {
    assertEquals(Optional.empty(), BranchNames.problem("b".repeat(250) + "/" + "c".repeat(250)));
    assertEquals(Optional.of("no part of a branch name can be longer than 250 bytes"), BranchNames.problem("team/" + "b".repeat(251)));
    assertEquals(Optional.of("no part of a branch name can be longer than 250 bytes"), BranchNames.problem("\u00e9".repeat(126)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"30s, PT30S", "1m0s, PT1M", "1h30m, PT1H30M", "1.5h, PT1H30M", "500ms, PT0.5S", "2h45m10s, PT2H45M10S", "1us, PT0.000001S",
    "0s, PT0S"})
  void parsesGoDurations(String text, String expected) {
    assertEquals(Optional.of(Duration.parse(expected)), GoDurations.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 minutes", "-1m", "1d", "m", "1.m", "99999999999999h"})
  void refusesWhatGoWouldNotParseOrCannotBeHeld(String text) {
    assertEquals(Optional.empty(), GoDurations.parse(text));
  }

  @Test
  void suggestsTheClosestKnownWord() {
    List<String> keys = List.of("url", "local", "branch", "author", "auth", "allowInsecureHttp", "caFile");
    assertEquals(Optional.of("branch"), Suggestions.closest("brnach", keys));
    assertEquals(Optional.of("auth"), Suggestions.closest("aut", keys));
    assertEquals(Optional.of("allowInsecureHttp"), Suggestions.closest("allowInsecureHTTP", keys));
    assertEquals(Optional.of("caFile"), Suggestions.closest("cafile", keys));
    assertEquals(Optional.empty(), Suggestions.closest("kubeconfig", keys));
    assertEquals(" (did you mean 'local'?)", Suggestions.hint("lokal", keys));
    assertEquals("", Suggestions.hint("zzz", keys));
  }
}
