package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's long-value bug, end to end: a spec whose names, path, branch, author, Secret name
 * namespace and token settings are each as long as the schema allows validates, applies to the sandbox,
 * and leaves a state that every later command reads back (plan: no changes).
 */
class LargestValuesScenarioTest {
  @TempDir Path tmp;

  @Test
  void aSpecAtEveryLengthLimitAppliesAndItsStateReadsBack() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    String repo = "r" + "e".repeat(61) + "r";
    String cluster = "c" + "l".repeat(61) + "c";
    String segment = "s".repeat(255);
    String path = String.join("/", segment, segment, segment, "p".repeat(250), "q".repeat(5));
    String branch = String.join("/", "b".repeat(250), "r".repeat(4));
    String env = "T" + "O".repeat(255);
    String namespace = "f" + "x".repeat(61) + "s"; // Flux names the sync objects after it: <ns>/<ns>
    String spec = """
        name: %s
        repositories:
          %s:
            local: ../state/sandbox/fleet.git
            branch: %s
            author: {name: %s, email: %s}
            auth:
              token: {env: %s, username: %s}
        clusters:
          %s:
            sandbox: {dir: ../state/sandbox/cluster}
            repository: %s
            path: %s
            flux:
              namespace: %s
              secretName: %s
              manifests: {file: manifests/flux-v2.7.5-sandbox.yaml}
            health: {timeout: 1m}
        """.formatted("n".repeat(100), repo, branch, "a".repeat(256), "e".repeat(244) + "@example.com", env, "u".repeat(256),
        cluster, repo, path, namespace, String.join(".", "s".repeat(63), "e".repeat(63), "c".repeat(63), "r".repeat(61)));
    assertEquals(1024, path.length());
    assertEquals(255, branch.length());
    assertEquals(253, String.join(".", "s".repeat(63), "e".repeat(63), "c".repeat(63), "r".repeat(61)).length());
    Files.writeString(tmp.resolve("examples/max.yaml"), spec);
    CliRunner cli = new CliRunner(tmp).env(env, "sandbox-pat");

    CliRunner.Result validate = cli.run("validate", "-f", "examples/max.yaml");
    assertEquals(0, validate.exit(), validate::toString);
    CliRunner.Result apply = cli.run("apply", "-f", "examples/max.yaml", "--auto-approve");
    assertEquals(0, apply.exit(), apply::toString);
    assertTrue(apply.err().contains("GitRepository and Kustomization " + namespace + "/" + namespace + " applied"), apply::toString);
    Path state = tmp.resolve("examples/state/" + "n".repeat(100) + ".state.json"); // beside the spec
    assertTrue(Files.size(state) > 3000, "the long values are in state");
    CliRunner.Result plan = cli.run("plan", "-f", "examples/max.yaml", "--detailed-exitcode");
    assertEquals(0, plan.exit(), plan::toString);
    CliRunner.Result list = cli.run("state", "list", "-f", "examples/max.yaml");
    assertEquals(0, list.exit(), list::toString);
    assertTrue(list.out().contains(cluster), list.out());
    String files = GitCli.isolated().ok(tmp.resolve("state/sandbox/fleet.git"), "ls-tree", "-r", "--name-only", branch);
    assertTrue(files.contains(path + "/flux-system/gotk-sync.yaml"), files);
  }
}
