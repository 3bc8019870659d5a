package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh checkout: examples/quickstart.yaml against the sandbox
 * (a local bare repository created when missing, and the persisted API stand-in). A second run
 * says "No changes."; the state and the sandbox survive between runs.
 */
class QuickstartScenarioTest {
  static final String TOKEN = "sandbox-pat-7f3a9c1e";

  @TempDir Path tmp;

  @Test
  void appliesOnAFreshMachineThenFindsNoChanges() throws IOException {
    QuickstartFiles.copyExamples(tmp);
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN);

    CliRunner.Result first = cli.run("apply", "-f", "examples/quickstart.yaml", "--auto-approve");
    assertEquals(0, first.exit(), first::toString);
    assertTrue(first.out().contains("Apply complete! Resources: 7 added"), first.out());
    assertTrue(first.err().contains("Ready at main@sha1:"), first.err());

    // The bare repository was created under state/sandbox and holds Flux's files.
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    assertTrue(Files.isDirectory(bare));
    String files = GitCli.isolated().ok(bare, "ls-tree", "-r", "--name-only", "main");
    assertEquals(List.of("clusters/sandbox/flux-system/gotk-components.yaml", "clusters/sandbox/flux-system/gotk-sync.yaml",
        "clusters/sandbox/flux-system/kustomization.yaml"), List.of(files.strip().split("\n")));

    CliRunner.Result second = cli.run("apply", "-f", "examples/quickstart.yaml", "--auto-approve");
    assertEquals(0, second.exit(), second::toString);
    assertTrue(second.out().contains("No changes."), second.out());
    CliRunner.Result plan = cli.run("plan", "-f", "examples/quickstart.yaml", "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);

    // The PAT lives only in the cluster Secret: not in output, state, or plain/base64 anywhere under state/.
    assertFalse(cli.everything().contains(TOKEN));
    try (Stream<Path> s = Files.walk(tmp.resolve("state"))) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(TOKEN), "token in " + f);
        assertFalse(bytes.contains(Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))), "base64 token in " + f);
      }
    }
  }
}
