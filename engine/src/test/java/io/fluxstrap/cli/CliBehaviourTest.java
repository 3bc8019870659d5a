package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.scenario.QuickstartFiles;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.state.LocalStateStore;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI behaves around the engine: credentials, confirmation, locking, colour. */
class CliBehaviourTest {
  static final String SPEC = "examples/quickstart.yaml";

  @TempDir Path tmp;

  @BeforeEach
  void checkout() throws Exception {
    QuickstartFiles.copyExamples(tmp);
  }

  /** A terminal that answers prompts from a script and records what it was asked. */
  static final class ScriptedTerminal implements Terminal {
    final List<String> prompts = new ArrayList<>();
    final String secret;
    final String answer;

    ScriptedTerminal(String secret, String answer) {
      this.secret = secret;
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
      prompts.add(prompt);
      return secret == null ? null : Sensitive.of(secret);
    }
  }

  @Test
  void aTokenPipedOnStdinIsUsedLikeTheEnvironmentVariable() {
    CliRunner piped = new CliRunner(tmp).stdin("piped-token-1\n");
    CliRunner.Result applied = piped.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
    CliRunner env = new CliRunner(tmp).env("GIT_PASSWORD", "piped-token-1");
    assertEquals(0, env.run("plan", "-f", SPEC, "--detailed-exitcode").exit(), "same token: no changes");
    CliRunner other = new CliRunner(tmp).env("GIT_PASSWORD", "another-token");
    CliRunner.Result plan = other.run("plan", "-f", SPEC, "--detailed-exitcode");
    assertEquals(2, plan.exit(), plan::toString);
    assertTrue(plan.out().contains("# cluster.sandbox.secret will be updated in-place"), plan.out());
  }

  @Test
  void withoutTokenTerminalOrPipeItSaysWhatToDo() {
    CliRunner.Result r = new CliRunner(tmp).run("plan", "-f", SPEC);
    assertEquals(1, r.exit(), r::toString);
    assertEquals("error: no token for repository 'fleet': set GIT_PASSWORD, pipe it on stdin, or run on a terminal to be prompted", r.err().strip());
  }

  @Test
  void onATerminalItPromptsForTheTokenWithoutEchoAndAsksForYes() {
    ScriptedTerminal no = new ScriptedTerminal("prompted-token", "no");
    CliRunner.Result cancelled = new CliRunner(tmp).terminal(no).run("apply", "-f", SPEC);
    assertEquals(1, cancelled.exit(), cancelled::toString);
    assertTrue(cancelled.out().contains("Apply cancelled."), cancelled.out());
    assertEquals(List.of("Token for repository 'fleet' (GIT_PASSWORD is not set): ", "  Enter a value: "), no.prompts);
    assertFalse(Files.exists(tmp.resolve("state/sandbox/fleet.git/refs/heads/main")), "nothing pushed");

    ScriptedTerminal yes = new ScriptedTerminal("prompted-token", "yes");
    CliRunner.Result applied = new CliRunner(tmp).terminal(yes).run("apply", "-f", SPEC);
    assertEquals(0, applied.exit(), applied::toString);
    assertFalse(applied.all().contains("prompted-token"));
  }

  @Test
  void aHeldLockStopsApplyUntilForceUnlocked() {
    LocalStateStore store = new LocalStateStore(tmp.resolve("state/quickstart.state.json"), "ci@agent-7", java.time.Clock.systemUTC());
    LockInfo lock = store.lock("apply");
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", "t");
    CliRunner.Result locked = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(1, locked.exit(), locked::toString);
    assertTrue(locked.err().contains("locked by ci@agent-7") && locked.err().contains("fluxstrap force-unlock " + lock.id()), locked.err());
    assertEquals(1, cli.run("force-unlock", "not-the-id", "-f", SPEC).exit());
    CliRunner.Result unlocked = cli.run("force-unlock", lock.id(), "-f", SPEC);
    assertEquals(0, unlocked.exit(), unlocked::toString);
    assertEquals(0, cli.run("apply", "-f", SPEC, "--auto-approve").exit());
    assertFalse(Files.exists(tmp.resolve("state/quickstart.state.json.lock")), "apply releases its lock");
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor() {
    CliRunner.Result plain = new CliRunner(tmp).env("GIT_PASSWORD", "t").env("NO_COLOR", null).run("plan", "-f", SPEC, "--refresh=false");
    assertFalse(plain.all().contains("\u001b["), "no escape codes when not on a terminal");
    ScriptedTerminal term = new ScriptedTerminal("t", "no");
    CliRunner.Result coloured = new CliRunner(tmp).env("GIT_PASSWORD", "t").env("NO_COLOR", null).terminal(term).run("plan", "-f", SPEC, "--refresh=false");
    assertTrue(coloured.out().contains("\u001b["), "colour on a terminal");
    CliRunner.Result noColor = new CliRunner(tmp).env("GIT_PASSWORD", "t").terminal(term).run("plan", "-f", SPEC, "--refresh=false");
    assertFalse(noColor.all().contains("\u001b["), "NO_COLOR wins");
  }

  @Test
  void releaseBundleFromAUrlIsVerifiedAndDownloadedOnce() throws Exception {
    byte[] bundle = Files.readAllBytes(tmp.resolve("examples/manifests/flux-v2.9.5-sandbox.yaml"));
    String sha = io.fluxstrap.secret.Fingerprints.sha256(bundle).substring("sha256:".length());
    java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/install.yaml", ex -> {
      hits.incrementAndGet();
      ex.sendResponseHeaders(200, bundle.length);
      ex.getResponseBody().write(bundle);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/install.yaml";
      Path spec = tmp.resolve("examples/quickstart.yaml");
      String original = Files.readString(spec);
      Files.writeString(spec, original.replace("file: manifests/flux-v2.9.5-sandbox.yaml", "url: " + url + "\n        sha256: " + sha));
      CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", "t");
      assertEquals(0, cli.run("plan", "-f", SPEC, "--refresh=false").exit());
      assertEquals(0, cli.run("plan", "-f", SPEC, "--refresh=false").exit());
      assertEquals(1, hits.get(), "downloaded once, then served from the cache");

      String wrong = "0".repeat(64);
      Files.writeString(spec, original.replace("file: manifests/flux-v2.9.5-sandbox.yaml", "url: " + url + "?v=2\n        sha256: \"" + wrong + "\""));
      CliRunner.Result mismatch = cli.run("plan", "-f", SPEC, "--refresh=false");
      assertEquals(1, mismatch.exit(), mismatch::toString);
      assertTrue(mismatch.err().contains("checksum mismatch"), mismatch.err());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void specWarningsGoToStderrWithTheirPosition() throws Exception {
    Path spec = tmp.resolve(SPEC);
    Files.writeString(spec, Files.readString(spec).replace("clusters:\n", "  spare:\n    local: ../state/sandbox/spare.git\nclusters:\n"));
    CliRunner.Result r = new CliRunner(tmp).run("validate", "-f", SPEC);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.err().contains("examples/quickstart.yaml:19:3: warning: repository 'spare' is not used by any cluster"), r.err());
    assertTrue(r.out().startsWith("The spec quickstart.yaml is valid: 2 repositories, 1 cluster."), r.out());
  }
}
