package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import io.fluxstrap.testing.Azurite;
import io.fluxstrap.testing.CliRunner;
import io.fluxstrap.testing.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State backends from the command line: the quickstart's local state migrated to azurerm and on
 * to kubernetes (lineage and serial kept, the old one refused afterwards), encrypted at rest on
 * the way, and the state: block and --state-config checked like the rest of the input.
 */
class StateBackendsScenarioTest {
  static final String SPEC = "examples/quickstart.yaml";
  static final String TOKEN = "backends-test-token";
  static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @TempDir Path tmp;

  @Test
  void stateMovesFromLocalToAzurermToKubernetesAndStaysEncrypted() throws Exception {
    QuickstartFiles.copyExamples(tmp);
    Azurite azurite = Azurite.shared();
    BlobContainerClient container = azurite.newContainer();
    List<String> azure = List.of("storage_account=devstoreaccount1", "container=" + container.getBlobContainerName(),
        "endpoint=" + azurite.endpoint());
    CliRunner cli = new CliRunner(tmp).env("GIT_PASSWORD", TOKEN).env("ARM_ACCESS_KEY", Azurite.KEY).env("FLUXSTRAP_STATE_KEY", KEY);
    CliRunner.Result applied = cli.run("apply", "-f", SPEC, "--auto-approve");
    assertEquals(0, applied.exit(), applied::toString);
    String local = Files.readString(tmp.resolve("state/quickstart.state.json"));
    assertTrue(local.contains("AES-256-GCM") && !local.contains("cluster.sandbox"), "encrypted at rest: " + local);

    CliRunner.Result migrated = cli.run(arr(args(List.of("state", "migrate", "-f", SPEC, "--to-backend", "azurerm"), "--to-config", azure)));
    assertEquals(0, migrated.exit(), migrated::toString);
    assertTrue(migrated.out().contains("to   azurerm blob " + container.getBlobContainerName() + "/quickstart.state.json"), migrated.out());
    CliRunner.Result old = cli.run("plan", "-f", SPEC);
    assertEquals(1, old.exit(), old::toString);
    assertTrue(old.err().contains("was migrated to azurerm blob"), old.err());
    String blob = container.getBlobClient("quickstart.state.json").downloadContent().toString();
    assertTrue(blob.contains("AES-256-GCM") && !blob.contains("cluster.sandbox"), blob);

    List<String> onAzure = args(List.of("--state-backend", "azurerm"), "--state-config", azure);
    CliRunner.Result plan = cli.run(arr(args(List.of("plan", "-f", SPEC, "--detailed-exitcode"), onAzure)));
    assertEquals(0, plan.exit(), "no changes: lineage and serial were kept\n" + plan);
    CliRunner.Result list = cli.run(arr(args(List.of("state", "list", "-f", SPEC), onAzure)));
    assertEquals(0, list.exit(), list::toString);
    assertTrue(list.out().contains("cluster.sandbox."), list.out());
    CliRunner noKey = new CliRunner(tmp).env("ARM_ACCESS_KEY", Azurite.KEY);
    CliRunner.Result refused = noKey.run(arr(args(List.of("state", "show", "-f", SPEC, "cluster.sandbox.namespace"), onAzure)));
    assertEquals(1, refused.exit(), refused::toString);
    assertTrue(refused.err().contains("is encrypted (AES-256-GCM") && refused.err().contains("FLUXSTRAP_STATE_KEY"), refused.err());

    try (MockCluster kube = MockCluster.start()) {
      List<String> toKube = List.of("--to-backend", "kubernetes", "--to-config", "kubeconfig=" + kube.kubeconfig(),
          "--to-config", "namespace=flux-state");
      List<String> migrate = new ArrayList<>(args(List.of("state", "migrate", "-f", SPEC), onAzure));
      migrate.addAll(toKube);
      CliRunner.Result again = cli.run(migrate.toArray(String[]::new));
      assertEquals(0, again.exit(), again::toString);
      assertEquals("fluxstrap", kube.client().secrets().inNamespace("flux-state").withName("fluxstrap-state-quickstart").get()
          .getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
      CliRunner.Result onKube = cli.run("plan", "-f", SPEC, "--detailed-exitcode", "--state-backend", "kubernetes",
          "--state-config", "kubeconfig=" + kube.kubeconfig(), "--state-config", "namespace=flux-state");
      assertEquals(0, onKube.exit(), onKube::toString);
    }
    assertFalse(cli.everything().contains(KEY) || cli.everything().contains(Azurite.KEY), "no key in any output");
  }

  @Test
  void badStateSettingsAreNamedWhereTheyAre() throws Exception {
    Path spec = QuickstartFiles.withState(tmp, "state:\n  backend: azure\n  azurerm:\n    container: Tf_State\n");
    CliRunner cli = new CliRunner(tmp);
    CliRunner.Result bad = cli.run("validate", "-f", SPEC);
    assertEquals(1, bad.exit(), bad::toString);
    int line = (int) Files.readString(spec).lines().takeWhile(l -> !l.startsWith("state:")).count() + 1;
    assertTrue(bad.err().contains(SPEC + ":" + (line + 1) + ":12: error:"), bad.err());
    assertTrue(bad.err().contains(SPEC + ":" + (line + 3) + ":16: error:"), bad.err());

    QuickstartFiles.copy(Path.of("examples"), tmp.resolve("clean"));
    CliRunner.Result unknown = cli.run("state", "list", "-f", "clean/quickstart.yaml", "--state-backend", "azurerm", "--state-config", "acount=x");
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("--state-config acount: the azurerm backend has no such setting"), unknown.err());
    CliRunner.Result missing = cli.run("state", "list", "-f", "clean/quickstart.yaml", "--state-backend", "azurerm", "--state-config",
        "storage_account=fleetstate");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("the azurerm state backend needs container"), missing.err());
    CliRunner.Result backend = cli.run("state", "list", "-f", "clean/quickstart.yaml", "--state-backend", "s3");
    assertTrue(backend.exit() == 1 && backend.err().contains("--state-backend takes local, azurerm or kubernetes, not 's3'"), backend.err());
    assertFalse(Files.exists(tmp.resolve("state")), "nothing written");
  }

  @Test
  void entraSettingsOfTheStateAreCheckedWhereTheyAre() throws Exception {
    Path spec = QuickstartFiles.withState(tmp, """
        state:
          backend: azurerm
          azurerm:
            storage_account: fleetstate
            container: tfstate
            auth: identity
            endpoint: http://127.0.0.1:10000/fleetstate
            entra_source: azureCli
            service_connection_id: 5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b
            client_id: not-a-guid
        """);
    int state = (int) Files.readString(spec).lines().takeWhile(l -> !l.startsWith("state:")).count() + 1;
    CliRunner cli = new CliRunner(tmp);
    CliRunner.Result bad = cli.run("validate", "-f", SPEC);
    assertEquals(1, bad.exit(), bad::toString);
    assertTrue(bad.err().contains(SPEC + ":" + (state + 6) + ":15: error: auth identity signs in with Entra ID, whose tokens are sent"
        + " over HTTPS only"), bad.err());
    assertTrue(bad.err().contains(SPEC + ":" + (state + 8) + ":5: error: service_connection_id is for entra_source azurePipelines, not azureCli"),
        bad.err());
    assertTrue(bad.err().contains(SPEC + ":" + (state + 9) + ":16: error:") && bad.err().contains("a GUID"), bad.err());

    Files.writeString(spec, Files.readString(spec).replace("auth: identity", "auth: key").replaceAll("(?m)^    (endpoint|service_connection_id|client_id):.*\n", ""));
    CliRunner.Result key = cli.run("validate", "-f", SPEC);
    assertEquals(1, key.exit(), key::toString);
    assertTrue(key.err().contains(SPEC + ":" + (state + 6) + ":5: error: entra_source is for signing in with Entra ID, but state.azurerm.auth is key"),
        key.err());

    QuickstartFiles.copy(Path.of("examples"), tmp.resolve("clean"));
    for (String flag : List.of("tenant_id=72f988bf", "lease_duration=10", "entra_source=cli")) {
      CliRunner.Result r = cli.run("state", "list", "-f", "clean/quickstart.yaml", "--state-backend", "azurerm", "--state-config", flag);
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.err().contains("--state-config " + flag + ": not a valid " + flag.substring(0, flag.indexOf('='))), r.err());
    }
    CliRunner.Result kube = cli.run("state", "list", "-f", "clean/quickstart.yaml", "--state-backend", "kubernetes", "--state-config",
        "lease_duration=4000");
    assertTrue(kube.exit() == 1 && kube.err().contains("--state-config lease_duration=4000: not a valid lease_duration"), kube::toString);
    assertFalse(Files.exists(tmp.resolve("state")), "nothing written");
  }

  private static List<String> args(List<String> head, String flag, List<String> values) {
    List<String> all = new ArrayList<>(head);
    for (String v : values) {
      all.add(flag);
      all.add(v);
    }
    return all;
  }

  private static List<String> args(List<String> head, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(tail);
    return all;
  }

  private static String[] arr(List<String> args) {
    return args.toArray(String[]::new);
  }
}
