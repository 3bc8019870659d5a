package io.fluxstrap.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.testing.FakeAz;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Azure Identity's own credentials run here: the Azure CLI one against a fake {@code az} on PATH. */
class AzureCredentialsTest {
  private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  private static final String APP = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  private static final String OID = "1c3e5a7b-0000-4000-8000-00000000abcd";

  @Test
  void theAzureCliSourceRunsAzForAzureDevOpsAndTheIdentityIsReadFromTheToken() {
    String jwt = FakeAz.jwt(TENANT, APP, OID, "cli-1");
    try (FakeAz az = FakeAz.issuing(List.of(jwt), 3600)) {
      AzureCredentials credential = AzureCredentials.of(new EntraOptions(EntraSource.AZURE_CLI, null, null, null, Map.of()));
      AccessTokens.Token token = AccessTokens.azureDevOps(credential).current();
      assertEquals(jwt, token.value().reveal());
      assertEquals(new EntraIdentity(TENANT, APP, OID, null), token.identity());
      assertEquals(EntraSource.AZURE_CLI, credential.source());
      assertEquals(1, az.calls());
      assertTrue(az.log().get(0).contains(AccessTokens.AZURE_DEVOPS_RESOURCE), az.log().toString());
      assertTrue(token.expiresAt().isAfter(java.time.Instant.now().plusSeconds(3000)), token.toString());
    }
  }

  @Test
  void theDefaultChainSkipsUnconfiguredSourcesAndSaysWhyEachFailed() {
    try (FakeAz az = FakeAz.loggedOut()) {
      AzureCredentials credential = AzureCredentials.of(EntraOptions.chain(Map.of("AZURE_CLIENT_ID", APP)));
      EntraFailure e = assertThrows(EntraFailure.class, () -> AccessTokens.azureDevOps(credential).current());
      List<EntraSource> tried = e.attempts().stream().map(EntraFailure.Attempt::source).toList();
      assertEquals(List.of(EntraSource.values()), tried, e.getMessage());
      assertTrue(e.getMessage().contains("azurePipelines: not in an Azure Pipelines job"), e.getMessage());
      assertTrue(e.getMessage().contains("workloadIdentity: no workload identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_TENANT_ID (or tenantId) not set"), e.getMessage());
      assertTrue(e.getMessage().contains("environment: no service principal in the environment: AZURE_TENANT_ID, AZURE_CLIENT_SECRET"), e.getMessage());
      assertTrue(e.getMessage().contains("azureCli: ") && e.getMessage().contains("run 'az login'"), e.getMessage());
      assertEquals(1, az.calls(), "only the Azure CLI was configured enough to be asked");
    }
  }

  @Test
  void anExplicitSourceThatIsNotConfiguredNamesWhatToSet() {
    AzureCredentials credential = AzureCredentials.of(new EntraOptions(EntraSource.WORKLOAD_IDENTITY, "tenant-x", null, null, Map.of()));
    EntraFailure e = assertThrows(EntraFailure.class, () -> AccessTokens.azureDevOps(credential).current());
    assertEquals("no Microsoft Entra ID token from source 'workloadIdentity' (workloadIdentity: no workload identity: "
        + "AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID (or clientId) not set)", e.getMessage());
  }

  @Test
  void aJwtInALibraryMessageIsMasked() {
    String jwt = FakeAz.jwt(TENANT, APP, OID, "leak");
    String said = AzureCredentials.firstSentence(new RuntimeException("bad token " + jwt + " refused"));
    assertFalse(said.contains(jwt.substring(0, 30)), said);
  }
}
