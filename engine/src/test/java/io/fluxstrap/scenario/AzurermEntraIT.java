package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.LeaseStateType;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.StateEncryption;
import io.fluxstrap.state.azure.AzureBlobSettings;
import io.fluxstrap.state.azure.AzureBlobStateStore;
import io.fluxstrap.testing.Azurite;
import io.fluxstrap.testing.Exec;
import io.fluxstrap.testing.FakeAz;
import io.fluxstrap.testing.FakeManagedIdentity;
import io.fluxstrap.testing.GitCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The azurerm state backend signed in with Entra ID, from the shipped jar as a pipeline agent runs
 * it: no key and no SAS token in the environment, Azure Identity's real default chain (the sources
 * that are not configured are skipped) ends at its Azure CLI credential, which runs a fake {@code az}
 * on the run's PATH that hands out unsigned tokens for {@code https://storage.azure.com} only. Every
 * request goes with {@code Authorization: Bearer} over HTTPS to Azurite with {@code --oauth basic},
 * which checks each token's issuer, audience and lifetime; the JVM trusts Azurite's test CA through
 * {@code -Djavax.net.ssl.trustStore}, as a user behind a private CA would. One run (drift) signs in
 * with a managed identity instead (App Service's {@code IDENTITY_ENDPOINT}, Azure Identity's real
 * ManagedIdentityCredential), which the chain tries before the Azure CLI.
 */
class AzurermEntraIT {
  static final String SPEC = "examples/quickstart.yaml";
  static final String STORAGE = "https://storage.azure.com";
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String APP = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  static final String OID = "1c3e5a7b-0000-4000-8000-00000000abcd";
  static final String BLOB = "quickstart.state.json";
  static final String MI_CLIENT = "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
  static final String MI_HEADER = "identity-header-of-the-test";

  @TempDir Path tmp;
  private final List<String> outputs = new ArrayList<>();
  private Azurite azurite;

  @Test
  void stateOnEntraIdTokensAppliesPlansDriftsAndLocksAndAnExpiredTokenChangesNothing() throws Exception {
    azurite = Azurite.sharedOAuth();
    BlobContainerClient container = azurite.newContainer();
    Path spec = QuickstartFiles.withState(tmp, """
        state:
          backend: azurerm
          azurerm:
            storage_account: devstoreaccount1
            container: %s
            endpoint: %s
            auth: identity
            tenant_id: %s
        """.formatted(container.getBlobContainerName(), azurite.endpoint(), TENANT));
    BlobClient blob = container.getBlobClient(BLOB);
    Path bare = tmp.resolve("state/sandbox/fleet.git");
    String token = FakeAz.jwt(STORAGE, TENANT, APP, OID, "state-ok", Instant.now().plusSeconds(3600));
    String expired = FakeAz.jwt(STORAGE, TENANT, APP, OID, "state-expired", Instant.now().minusSeconds(60));
    String miToken = FakeAz.jwt(STORAGE, TENANT, MI_CLIENT, OID, "state-msi", Instant.now().plusSeconds(3600));

    try (FakeAz az = FakeAz.issuing(List.of(token), 3600).onlyFor(STORAGE)) {
      // apply: stopped at its first progress line to look at the lease it holds.
      List<String> lockSeen = new ArrayList<>();
      Run applied = run(Map.of("GIT_PASSWORD", "pat-1"), line -> {
        BlobProperties p = blob.getProperties();
        lockSeen.add(p.getLeaseState() + " " + p.getMetadata());
      }, "apply", "-f", SPEC, "--auto-approve");
      assertEquals(0, applied.exit(), applied::toString);
      assertTrue(applied.out().contains("Apply complete!"), applied::toString);
      assertEquals(1, lockSeen.size(), lockSeen::toString);
      assertTrue(lockSeen.get(0).startsWith(LeaseStateType.LEASED + " {") && lockSeen.get(0).contains("fluxstrap_lock_operation=apply"), lockSeen::toString);
      assertTrue(lockSeen.get(0).contains("fluxstrap_lock_who=" + LockInfo.currentWho()), lockSeen::toString);
      assertTrue(blob.downloadContent().toString().contains("cluster.sandbox.health"), "the state is in the blob");
      assertTrue(container.getBlobClient(BLOB + ".backup").exists(), "the previous version is kept");
      assertNotEquals(LeaseStateType.LEASED, blob.getProperties().getLeaseState(), "released at the end");
      assertTrue(blob.getProperties().getMetadata().isEmpty(), "lock details removed");
      assertEquals(1, commits(bare));
      assertEquals(1, az.calls(), "one token for the whole apply: " + az.log());
      assertTrue(az.log().stream().allMatch(l -> l.contains("--resource " + STORAGE) && l.contains("--tenant " + TENANT)), az.log()::toString);

      Run plan = run(Map.of("GIT_PASSWORD", "pat-1"), null, "plan", "-f", SPEC, "--detailed-exitcode");
      assertEquals(0, plan.exit(), plan::toString);
      assertTrue(plan.out().contains("No changes."), plan::toString);

      // Another run holds the lock (through the same store code, signed with the account key):
      // drift reads its details with a token, force-unlock breaks it with a token.
      AzureBlobSettings settings = new AzureBlobSettings(azurite.endpoint(), Azurite.ACCOUNT, container.getBlobContainerName(), BLOB, "key", null);
      LockInfo other = new AzureBlobStateStore(settings, container, StateEncryption.none(), "pipeline-7@agent-3", Clock.systemUTC()).lock("apply");
      // On an App Service-style managed identity (IDENTITY_ENDPOINT), which the chain tries before the Azure CLI.
      int azCalls = az.calls();
      try (FakeManagedIdentity msi = FakeManagedIdentity.issuing(STORAGE, miToken, Instant.now().plusSeconds(3600), MI_HEADER)) {
        Run drift = run(Map.of("GIT_PASSWORD", "pat-2", "IDENTITY_ENDPOINT", msi.endpoint(), "IDENTITY_HEADER", MI_HEADER), null, "drift", "-f", SPEC);
        assertEquals(2, drift.exit(), drift::toString);
        assertTrue(drift.out().contains("[drift, credentials.token]"), drift::toString);
        assertTrue(drift.all().contains("state is locked by pipeline-7@agent-3"), drift::toString);
        assertEquals(List.of(STORAGE), msi.asked(), "one token, for storage, from the managed identity");
        assertEquals(azCalls, az.calls(), "the Azure CLI was not asked");
      }
      Run unlocked = run(Map.of(), null, "force-unlock", other.id(), "-f", SPEC);
      assertEquals(0, unlocked.exit(), unlocked::toString);
      assertNotEquals(LeaseStateType.LEASED, blob.getProperties().getLeaseState(), "the lease was broken");
      assertTokenNowhere(token, container);
      assertTokenNowhere(miToken, container);
    }

    String etag = blob.getProperties().getETag();
    try (FakeAz az = FakeAz.issuing(List.of(expired), 3600).onlyFor(STORAGE)) {
      Run refused = run(Map.of("GIT_PASSWORD", "pat-3"), null, "apply", "-f", SPEC, "--auto-approve");
      assertEquals(1, refused.exit(), refused::toString);
      assertTrue(refused.err().contains("the Entra ID token of tenant " + TENANT + ", client " + APP + ", object " + OID
          + " (from azureCli) was refused (Lifetime validation failed. The token is expired)"), refused::toString);
      assertTrue(refused.err().contains("Storage Blob Data Contributor"), refused::toString);
      assertFalse(refused.all().contains("\tat ") || refused.all().contains("Exception"), "no stack trace: " + refused);
      assertEquals(etag, blob.getProperties().getETag(), "the state blob is untouched");
      assertNotEquals(LeaseStateType.LEASED, blob.getProperties().getLeaseState());
      assertEquals(1, commits(bare), "nothing pushed");
      assertTokenNowhere(expired, container);
    }
  }

  /**
   * The shipped jar in its own JVM, trusting Azurite's CA, with an environment holding no storage
   * key, SAS token or Entra ID variables, and the fake az first on PATH. {@code atFirstLine}, if
   * given, runs while the process is stopped (SIGSTOP) at its first line on stderr.
   */
  private Run run(Map<String, String> env, java.util.function.Consumer<String> atFirstLine, String... args) throws Exception {
    Path jar = Path.of("target/fluxstrap.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "run with mvn verify: the jar is built in package");
    // The JVM flags of the ./fluxstrap launcher (a short-lived CLI), and the trust store as FLUXSTRAP_JAVA_OPTS would add it.
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djavax.net.ssl.trustStore=" + azurite.trustStore(),
        "-Djavax.net.ssl.trustStorePassword=" + Azurite.TRUST_STORE_PASSWORD, "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("ARM_") || k.startsWith("AZURE") || k.startsWith("SYSTEM_") || k.contains("IDENTITY_ENDPOINT")
        || k.startsWith("MSI_"));
    e.put("PATH", FakeAz.DIR + ":" + System.getenv("PATH"));
    e.put("NO_COLOR", "1");
    e.put("FLUXSTRAP_CACHE_DIR", tmp.resolve(".cache").toString());
    e.putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    StringBuilder err = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean first = true;
      while ((line = r.readLine()) != null) {
        if (first && atFirstLine != null) {
          Exec.run(tmp, Map.of(), Duration.ofSeconds(10), List.of("kill", "-STOP", Long.toString(p.pid()))).stdoutOrThrow();
          try {
            atFirstLine.accept(line);
          } finally {
            Exec.run(tmp, Map.of(), Duration.ofSeconds(10), List.of("kill", "-CONT", Long.toString(p.pid()))).stdoutOrThrow();
          }
        }
        first = false;
        err.append(line).append('\n');
      }
    }
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "finished: " + String.join(" ", args));
    Run result = new Run(p.exitValue(), out.get(), err.toString());
    outputs.add(result.all());
    return result;
  }

  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The token, and each of its parts, in no output, no file of the run, no blob (state, backup,
   * their metadata) and nowhere in Azurite's data folder.
   */
  private void assertTokenNowhere(String jwt, BlobContainerClient container) throws IOException {
    String[] parts = jwt.split("\\.");
    List<String> needles = List.of(jwt, parts[1], parts[2]);
    for (String o : outputs) for (String n : needles) assertFalse(o.contains(n), "token in the output");
    List<String> blobs = new ArrayList<>();
    container.listBlobs().forEach(b -> {
      BlobClient c = container.getBlobClient(b.getName());
      blobs.add(c.downloadContent().toString() + c.getProperties().getMetadata());
    });
    assertTrue(blobs.size() >= 2, "state and backup: " + blobs.size());
    for (String b : blobs) for (String n : needles) assertFalse(b.contains(n), "token in a blob or its metadata");
    for (Path root : List.of(tmp, azurite.dataDir())) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          for (String n : needles) assertFalse(text.contains(n), "token in " + f);
        }
      }
    }
  }

  private static int commits(Path bare) {
    return Integer.parseInt(GitCli.isolated().ok(bare, "rev-list", "--count", "main").strip());
  }
}
