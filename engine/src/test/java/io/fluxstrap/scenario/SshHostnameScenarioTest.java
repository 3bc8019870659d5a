package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.cli.Terminal;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.GitSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 2 of the source page, for real: the CLI pushes over HTTP with the PAT, the cluster gets a
 * generated RSA 4096 key and the scanned host key of a real OpenSSH server, and that key then
 * really clones the repository over SSH with the git CLI and strict host key checking.
 */
class SshHostnameScenarioTest {
  /** A terminal that answers every question with {@code answer} and records the prompts. */
  static final class Answering implements Terminal {
    final String answer;
    final List<String> prompts = new ArrayList<>();

    Answering(String answer) {
      this.answer = answer;
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public String readLine(String prompt) {
      prompts.add(prompt);
      return answer;
    }

    @Override
    public Sensitive readSecret(String prompt) {
      throw new AssertionError("no secret should be asked for: " + prompt);
    }
  }

  @Test
  void generatedKeyIsPlannedRegisteredWrittenAndReallyClonesOverSsh(@TempDir Path dir) throws IOException {
    try (SshWorld w = new SshWorld(dir)) {
      w.writeHostnameSpec("rsa", 4096, "");

      CliRunner.Result plan = w.cli.run("plan", "-f", "spec.yaml", "--no-color");
      assertEquals(0, plan.exit(), plan.all());
      assertTrue(plan.out().contains("# cluster.dev.ssh_key will be created"), plan.out());
      assertTrue(plan.out().contains("# ssh_host.127.0.0.1:" + w.ssh.port() + " will be created"), plan.out());
      String hostKey = w.ssh.knownHostsLine().substring(w.ssh.knownHostsLine().indexOf(' ') + 1);
      assertTrue(plan.out().contains(keygenFingerprint(hostKey)), "the plan shows the scanned host key: " + plan.out());
      assertTrue(plan.out().contains("rsa 4096"), plan.out());

      // Not on a terminal and not out of band: refused before anything changes.
      CliRunner.Result refused = w.cli.run("apply", "-f", "spec.yaml", "--auto-approve", "--no-color");
      assertEquals(1, refused.exit(), refused.all());
      assertTrue(refused.err().contains("--key-registration=out-of-band"), refused.err());
      assertFalse(Files.exists(w.stateFile("ssh-hostname")), "no state after a refused apply");
      assertNull(w.remoteHead(), "nothing pushed");

      // On a terminal: the key is shown, the user confirms, then the rest is applied.
      Answering yes = new Answering("yes");
      CliRunner.Result apply = new CliRunner(dir).env("GIT_PASSWORD", w.http.token()).terminal(yes)
          .run("apply", "-f", "spec.yaml", "--no-color");
      assertEquals(0, apply.exit(), apply.all());
      assertTrue(apply.out().contains("SSH key generated for cluster dev (rsa 4096): SHA256:"), apply.out());
      assertTrue(apply.out().contains("Have you added the key?"), apply.out());

      Map<String, String> secret = w.secret();
      assertEquals(List.of("identity", "identity.pub", "known_hosts"), List.copyOf(secret.keySet()));
      assertTrue(secret.get("identity").startsWith("-----BEGIN PRIVATE KEY-----"), "Flux's PKCS#8 PEM");
      assertTrue(apply.out().contains(secret.get("identity.pub").strip()), "the public key is printed for registration");
      assertEquals(w.ssh.knownHostsLine().strip(), secret.get("known_hosts").strip());
      String fingerprint = keygenFingerprint(secret.get("identity.pub"));
      String state = Files.readString(w.stateFile("ssh-hostname"));
      assertTrue(state.contains(fingerprint), "state keeps the key's fingerprint");
      assertTrue(state.contains(secret.get("identity.pub").strip()), "state keeps the public key");

      Map<String, Object> gitRepository = w.cluster.client().genericKubernetesResources("source.toolkit.fluxcd.io/v1", "GitRepository")
          .inNamespace("flux-system").withName("flux-system").get().get("spec");
      assertEquals(w.derivedSyncUrl(), gitRepository.get("url"));

      // The generated key really works: unknown to the server first, then registered and cloning.
      Path[] files = w.identityFiles();
      Exec.Result before = GitSshServer.git(files[0], files[1]).run(null, "ls-remote", w.derivedSyncUrl());
      assertFalse(before.ok(), "the key is not registered yet");
      w.ssh.authorize(secret.get("identity.pub"));
      Path clone = Files.createTempDirectory("ssh-clone-");
      GitSshServer.git(files[0], files[1]).run(null, "clone", "--quiet", w.derivedSyncUrl(), clone.toString()).stdoutOrThrow();
      assertTrue(Files.exists(clone.resolve("clusters/dev/flux-system/gotk-sync.yaml")));
      String head = w.remoteHead();
      assertEquals(head, GitSshServer.git(files[0], files[1]).run(clone, "rev-parse", "HEAD").stdoutOrThrow().strip());

      // Idempotent: no new key, no new commit.
      CliRunner.Result again = w.cli.run("apply", "-f", "spec.yaml", "--auto-approve", "--no-color");
      assertEquals(0, again.exit(), again.all());
      assertTrue(again.out().contains("No changes."), again.out());
      assertEquals(secret, w.secret());
      assertEquals(head, w.remoteHead());

      // Explicit rotation: a new key, a secret update, nothing else.
      CliRunner.Result replacePlan = w.cli.run("plan", "-f", "spec.yaml", "-replace=cluster.dev.ssh_key", "--no-color");
      assertEquals(0, replacePlan.exit(), replacePlan.all());
      assertTrue(replacePlan.out().contains("# cluster.dev.ssh_key will be replaced"), replacePlan.out());
      assertTrue(replacePlan.out().contains("# cluster.dev.secret will be updated in-place"), replacePlan.out());
      assertFalse(replacePlan.out().contains("repository.fleet"), "no commit for a key rotation: " + replacePlan.out());
      assertTrue(replacePlan.out().contains("~ identity     = (sensitive) -> (sensitive)"), replacePlan.out());
      assertTrue(replacePlan.out().contains("  known_hosts  = (sensitive, unchanged)"), "only the key changes: " + replacePlan.out());
      assertFalse(replacePlan.out().contains("~ known_hosts"), replacePlan.out());
      CliRunner.Result rotated = w.cli.run("apply", "-f", "spec.yaml", "-replace=cluster.dev.ssh_key", "--auto-approve",
          "--key-registration=out-of-band", "--no-color");
      assertEquals(0, rotated.exit(), rotated.all());
      Map<String, String> after = w.secret();
      assertNotEquals(secret.get("identity"), after.get("identity"));
      String newFingerprint = keygenFingerprint(after.get("identity.pub"));
      assertNotEquals(fingerprint, newFingerprint);
      assertTrue(Files.readString(w.stateFile("ssh-hostname")).contains(newFingerprint));
      assertEquals(head, w.remoteHead(), "rotation pushes nothing");
      assertTrue(rotated.out().contains(after.get("identity.pub").strip()), "the new public key is printed");

      // The rotate command plans the same replacement.
      CliRunner.Result rotatePlan = w.cli.run("rotate", "-f", "spec.yaml", "--auto-approve", "--no-color");
      assertEquals(1, rotatePlan.exit(), "not on a terminal and not out of band: " + rotatePlan.all());
      assertEquals(after, w.secret(), "a refused rotation changes nothing");

      // Drift sees a key on the cluster that is not the recorded one, and says what apply would do.
      CliRunner.Result clean = w.cli.run("drift", "-f", "spec.yaml", "--no-color");
      assertEquals(0, clean.exit(), clean.all());
      String foreign = io.fluxstrap.testing.SshKeyFile.ed25519().publicLine();
      w.cluster.client().secrets().inNamespace("flux-system").withName("flux-system").edit(s -> {
        s.getData().put("identity.pub", java.util.Base64.getEncoder().encodeToString((foreign + "\n").getBytes()));
        return s;
      });
      CliRunner.Result drift = w.cli.run("drift", "-f", "spec.yaml", "--no-color");
      assertEquals(2, drift.exit(), drift.all());
      assertTrue(drift.out().contains("credentials.ssh-key") || drift.out().contains("cluster.dev.ssh_key"), drift.out());
      CliRunner.Result replan = w.cli.run("plan", "-f", "spec.yaml", "--no-color");
      assertTrue(replan.out().contains("# cluster.dev.ssh_key will be replaced"), replan.out());

      // No private key and no PAT anywhere but in the cluster.
      List<String> secrets = List.of(secret.get("identity"), after.get("identity"), w.http.token());
      assertNoSecretIn(dir, secrets, w.cli.everything() + plan.all() + apply.all() + again.all() + replacePlan.all() + rotated.all());
    }
  }

  @Test
  void ed25519KeyForAnAzureDevOpsHostIsAValidationError(@TempDir Path dir) {
    try (SshWorld w = new SshWorld(dir)) {
      w.write("""
          repositories:
            fleet:
              url: https://dev.azure.com/org/project/_git/repo
              auth: {token: {}}
          clusters:
            dev:
              kubeconfig: {path: %s}
              repository: fleet
              path: clusters/dev
              sync:
                auth:
                  ssh:
                    hostname: ssh.dev.azure.com
                    key: {algorithm: ed25519}
              flux:
                manifests: {file: flux/install.yaml}
          """.formatted(w.cluster.kubeconfig()));
      CliRunner.Result r = w.cli.run("validate", "-f", "spec.yaml");
      assertEquals(1, r.exit(), r.all());
      assertTrue(r.err().contains("spec.yaml:14:"), r.err());
      assertTrue(r.err().contains("RSA"), r.err());
    }
  }

  static String keygenFingerprint(String publicLine) throws IOException {
    Path f = Files.createTempFile("pub-", ".pub");
    Files.writeString(f, publicLine);
    String listed = Exec.run(null, Map.of(), Duration.ofSeconds(30), List.of("ssh-keygen", "-l", "-E", "sha256", "-f", f.toString())).stdoutOrThrow();
    return listed.split("\\s+")[1];
  }

  /** Every file under {@code dir} and all output: none holds any of {@code secrets}. */
  static void assertNoSecretIn(Path dir, List<String> secrets, String output) throws IOException {
    List<String> needles = new ArrayList<>();
    for (String s : secrets) {
      needles.add(s.strip());
      needles.add(java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    // A PEM's base64 body lines are what leaks look like: check a middle line too.
    for (String s : secrets) {
      List<String> lines = s.lines().toList();
      if (lines.size() > 3) needles.add(lines.get(lines.size() / 2));
    }
    for (String n : needles) assertFalse(output.contains(n), "a secret in the output");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String n : needles) assertFalse(text.contains(n), "a secret in " + f);
      }
    }
  }
}
