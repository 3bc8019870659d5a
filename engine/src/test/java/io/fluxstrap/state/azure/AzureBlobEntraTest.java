package io.fluxstrap.state.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.LeaseStateType;
import io.fluxstrap.azure.AzureCredentials;
import io.fluxstrap.azure.EntraOptions;
import io.fluxstrap.azure.EntraSource;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateEncryption;
import io.fluxstrap.testing.Azurite;
import io.fluxstrap.testing.FakeAz;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The store on Entra ID bearer tokens, in-process, over HTTPS to Azurite with {@code --oauth basic}
 * (which checks each token's issuer, audience and lifetime): the test's client trusts Azurite's CA
 * on its own, and signs with the real Azure CLI credential running the fake az. The CLI path (the
 * shipped jar, the JVM trust store) is {@code AzurermEntraIT}.
 */
class AzureBlobEntraTest {
  private static final String STORAGE = "https://storage.azure.com";
  private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  private static final String APP = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
  private static final String OID = "1c3e5a7b-0000-4000-8000-00000000abcd";

  @Test
  void aRunOutlastingItsTokenRenewsTokenAndLeaseAndKeepsWriting() throws InterruptedException {
    Azurite azurite = Azurite.sharedOAuth();
    BlobContainerClient keyed = azurite.newContainer();
    // The first token dies 3 s from now (Azurite refuses it after that); the second lasts an hour.
    String first = FakeAz.jwt(STORAGE, TENANT, APP, OID, "short", Instant.now().plusSeconds(3));
    String second = FakeAz.jwt(STORAGE, TENANT, APP, OID, "long", Instant.now().plusSeconds(3600));
    try (FakeAz az = FakeAz.issuing(List.of(first, second), 3).onlyFor(STORAGE)) {
      AzureCredentials identity = AzureCredentials.of(new EntraOptions(EntraSource.AZURE_CLI, null, null, null, Map.of()));
      AzureBlobSettings settings = new AzureBlobSettings(azurite.endpoint(), Azurite.ACCOUNT, keyed.getBlobContainerName(), "fleet.state.json",
          "identity", Duration.ofSeconds(15));
      AzureBlobStateStore store = new AzureBlobStateStore(settings, azurite.bearerClient(identity).getBlobContainerClient(keyed.getBlobContainerName()),
          identity, StateEncryption.none(), "runner@agent", Clock.systemUTC(), Duration.ofMillis(500));
      LockInfo lock = store.lock("apply");
      State one = State.empty("test").with("cluster.a", new ResourceState("t", Map.of("k", "1")));
      store.write(one);
      Thread.sleep(3500); // past the first token's expiry; the lease is renewed every 0.5 s meanwhile
      State two = one.with("cluster.b", new ResourceState("t", Map.of("k", "2")));
      store.write(two);
      assertEquals(LeaseStateType.LEASED, keyed.getBlobClient("fleet.state.json").getProperties().getLeaseState(), "still ours");
      store.unlock(lock);
      store.close();
      assertEquals(Optional.of(two), store.read());
      assertTrue(az.calls() >= 2, "the token was renewed: " + az.log());
      assertTrue(az.log().stream().allMatch(l -> l.contains("--resource " + STORAGE)), az.log()::toString);
      String stored = keyed.getBlobClient("fleet.state.json").downloadContent().toString() + keyed.getBlobClient("fleet.state.json.backup").downloadContent().toString()
          + keyed.getBlobClient("fleet.state.json").getProperties().getMetadata();
      for (String t : List.of(first, second)) assertFalse(stored.contains(t.split("\\.")[1]), "no token in the blobs");
    }
  }

  @Test
  void aTokenForAnotherResourceIsRefusedNamingItsIdentityAndTheReason() {
    Azurite azurite = Azurite.sharedOAuth();
    BlobContainerClient keyed = azurite.newContainer();
    // A token Entra ID would issue for Azure DevOps, not for storage.
    String devops = FakeAz.jwt("499b84ac-1321-427f-aa17-267ca6975798", TENANT, APP, OID, "devops", Instant.now().plusSeconds(3600));
    try (FakeAz az = FakeAz.issuing(List.of(devops), 3600)) {
      AzureCredentials identity = AzureCredentials.of(new EntraOptions(EntraSource.AZURE_CLI, null, null, null, Map.of()));
      AzureBlobSettings settings = new AzureBlobSettings(azurite.endpoint(), Azurite.ACCOUNT, keyed.getBlobContainerName(), "k", "identity", null);
      AzureBlobStateStore store = new AzureBlobStateStore(settings, azurite.bearerClient(identity).getBlobContainerClient(keyed.getBlobContainerName()),
          identity, StateEncryption.none(), "runner@agent", Clock.systemUTC(), Duration.ofSeconds(20));
      UserException e = assertThrows(UserException.class, () -> store.lock("apply"));
      assertEquals("cannot lock azurerm blob " + keyed.getBlobContainerName() + "/k in storage account devstoreaccount1: HTTP 403"
          + " AuthenticationFailed: the Entra ID token of tenant " + TENANT + ", client " + APP + ", object " + OID + " (from azureCli) was"
          + " refused (Invalid token audience); check that the identity has the Storage Blob Data Contributor role on the container, and"
          + " that its token is for the storage account's tenant (state.azurerm.tenant_id) and still valid (sign in again: az login, or"
          + " the pipeline's service connection)", e.getMessage());
      assertFalse(keyed.getBlobClient("k").exists(), "nothing written");
    }
  }
}
