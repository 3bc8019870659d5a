package io.fluxstrap.state.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateEncryption;
import io.fluxstrap.state.StateStore;
import io.fluxstrap.state.StateStoreContract;
import io.fluxstrap.testing.Azurite;
import io.fluxstrap.testing.FakeAz;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state contract on a blob in Azurite, plus what only a blob has: lease, metadata, ETag. */
class AzureBlobStateStoreTest extends StateStoreContract {
  private BlobContainerClient container;
  private AzureBlobSettings settings;

  @BeforeEach
  void container() {
    Azurite azurite = Azurite.shared();
    container = azurite.newContainer();
    settings = new AzureBlobSettings(azurite.endpoint(), Azurite.ACCOUNT, container.getBlobContainerName(), "fleet.state.json", "key",
        Duration.ofSeconds(15));
  }

  @Override
  protected StateStore store() {
    return new AzureBlobStateStore(settings, AzureClients.container(settings, Azurite.keyEnv()), StateEncryption.none(), "tester@host",
        Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC));
  }

  @Override
  protected void putRaw(byte[] bytes) {
    container.getBlobClient("fleet.state.json").upload(BinaryData.fromBytes(bytes), true);
  }

  @Override
  protected Optional<byte[]> backupRaw() {
    BlobClient b = container.getBlobClient("fleet.state.json.backup");
    return b.exists() ? Optional.of(b.downloadContent().toBytes()) : Optional.empty();
  }

  @Test
  void theLockIsALeaseWithItsDetailsInTheMetadata() {
    LockInfo lock = store().lock("apply");
    BlobClient b = container.getBlobClient("fleet.state.json");
    assertEquals(LeaseStateType.LEASED, b.getProperties().getLeaseState());
    Map<String, String> m = b.getProperties().getMetadata();
    assertEquals(lock.id(), m.get("fluxstrap_lock_id"));
    assertEquals("tester@host", m.get("fluxstrap_lock_who"));
    assertEquals("apply", m.get("fluxstrap_lock_operation"));
    BlobStorageException refused = assertThrows(BlobStorageException.class, () -> b.upload(BinaryData.fromString("{}"), true),
        "the service itself refuses a write without the lease");
    assertEquals(412, refused.getStatusCode());
    store().forceUnlock(lock.id());
    assertTrue(b.getProperties().getLeaseState() != LeaseStateType.LEASED);
  }

  @Test
  void theLeaseIsRenewedWhileTheRunLastsAndABrokenOneStopsItsWrites() throws InterruptedException {
    AzureBlobStateStore holder = new AzureBlobStateStore(settings, AzureClients.container(settings, Azurite.keyEnv()), StateEncryption.none(),
        "tester@host", Clock.systemUTC(), Duration.ofMillis(200));
    LockInfo lock = holder.lock("apply");
    Thread.sleep(1000); // several renewals, each accepted by the service
    holder.write(sample());
    store().forceUnlock(lock.id());
    Thread.sleep(600); // the next renewal finds the lease broken
    UserException e = assertThrows(UserException.class, () -> holder.write(sample().with("x", new io.fluxstrap.state.ResourceState("t", Map.of()))));
    assertTrue(e.getMessage().startsWith("lost the lock on azurerm blob"), e.getMessage());
    assertEquals(Optional.of(sample()), store().read());
    holder.close();
  }

  @Test
  void aWriteRacingAnotherWriterIsRefusedAndTheOtherKept() {
    store().write(sample());
    State theirs = sample().with("theirs", new io.fluxstrap.state.ResourceState("t", Map.of()));
    // Another run commits between this run's read and its conditional upload: the ETag moved on.
    AtomicBoolean raced = new AtomicBoolean();
    HttpPipelinePolicy race = (context, next) -> {
      boolean commit = context.getHttpRequest().getHttpMethod() == HttpMethod.PUT
          && context.getHttpRequest().getUrl().getPath().endsWith("/fleet.state.json")
          && context.getHttpRequest().getHeaders().getValue(HttpHeaderName.IF_MATCH) != null;
      if (commit && raced.compareAndSet(false, true)) store().write(theirs);
      return next.process();
    };
    BlobContainerClient racing = new BlobServiceClientBuilder().endpoint(settings.endpoint())
        .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY)).addPolicy(race).buildClient()
        .getBlobContainerClient(settings.container());
    AzureBlobStateStore ours = new AzureBlobStateStore(settings, racing, StateEncryption.none(), "t", Clock.systemUTC());
    UserException e = assertThrows(UserException.class, () -> ours.write(sample().with("ours", new io.fluxstrap.state.ResourceState("t", Map.of()))));
    assertTrue(raced.get());
    assertTrue(e.getMessage().startsWith("state changed underneath"), e.getMessage());
    assertEquals(Optional.of(theirs), store().read(), "the other writer's state is kept, never lost");
  }

  @Test
  void aSasTokenFromTheEnvironmentWorks() {
    String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
        new BlobContainerSasPermission().setReadPermission(true).setWritePermission(true).setCreatePermission(true)
            .setAddPermission(true).setDeletePermission(true)));
    AzureBlobSettings viaSas = new AzureBlobSettings(settings.endpoint(), Azurite.ACCOUNT, settings.container(), settings.key(), "sas", null);
    StateStore s = new AzureBlobStateStore(viaSas, AzureClients.container(viaSas, Map.of("ARM_SAS_TOKEN", sas)), StateEncryption.none(), "t",
        Clock.systemUTC());
    LockInfo lock = s.lock("apply");
    s.write(sample());
    s.unlock(lock);
    assertEquals(Optional.of(sample()), store().read());
    UserException e = assertThrows(UserException.class, () -> AzureClients.container(viaSas, Map.of()));
    assertTrue(e.getMessage().contains("ARM_SAS_TOKEN"), e.getMessage());
  }

  @Test
  void encryptedStateIsUnreadableWithoutTheKey() {
    StateEncryption enc = StateEncryption.withKey("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "FLUXSTRAP_STATE_KEY");
    new AzureBlobStateStore(settings, AzureClients.container(settings, Azurite.keyEnv()), enc, "t", Clock.systemUTC()).write(sample());
    String stored = container.getBlobClient("fleet.state.json").downloadContent().toString();
    assertTrue(stored.contains("AES-256-GCM") && !stored.contains("cluster.dev.secret"), stored);
    UserException e = assertThrows(UserException.class, () -> store().read());
    assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
    State back = new AzureBlobStateStore(settings, AzureClients.container(settings, Azurite.keyEnv()), enc, "t", Clock.systemUTC())
        .read().orElseThrow();
    assertEquals(sample(), back);
  }

  @Test
  void entraIdWithNoTokenFromAnySourceNamesEachSourceAndWhyBeforeAnyRequest() {
    // An https endpoint nothing listens on: the sign-in fails before a connection is tried.
    AzureBlobSettings viaEntra = new AzureBlobSettings("https://127.0.0.1:9/devstoreaccount1", Azurite.ACCOUNT, "c1", "k", "identity", null);
    try (FakeAz az = FakeAz.loggedOut()) {
      StateStore s = AzureBlobStateStore.open(viaEntra, Map.of(), StateEncryption.none());
      UserException e = assertThrows(UserException.class, s::read);
      assertTrue(e.getMessage().startsWith("cannot sign in to azurerm blob c1/k in storage account devstoreaccount1: no Microsoft Entra ID"
          + " token from any source of the default chain (tried in order: azurePipelines: not in an Azure Pipelines job"), e.getMessage());
      for (String source : List.of("; workloadIdentity: ", "; managedIdentity: ", "; environment: ", "; azureCli: ")) {
        assertTrue(e.getMessage().contains(source), source + " in " + e.getMessage());
      }
      assertTrue(e.getMessage().contains("Please run 'az login'"), e.getMessage());
      assertTrue(az.log().get(0).contains("--resource https://storage.azure.com"), "asked for a storage token: " + az.log());
    }
  }

  @Test
  void entraIdOverPlainHttpIsRefusedBeforeAnyRequestSayingWhatToDo() {
    AzureBlobSettings identity = new AzureBlobSettings(settings.endpoint(), Azurite.ACCOUNT, settings.container(), settings.key(), "identity", null);
    UserException e = assertThrows(UserException.class, () -> AzureClients.container(identity, Map.of()));
    assertTrue(e.getMessage().startsWith("state.azurerm.auth is identity, but Entra ID tokens are sent over HTTPS only and"
        + " state.azurerm.endpoint is http://127.0.0.1:"), e.getMessage());
    assertTrue(e.getMessage().contains("ARM_ACCESS_KEY"), e.getMessage());
    AzureBlobSettings auto = new AzureBlobSettings(settings.endpoint(), Azurite.ACCOUNT, settings.container(), settings.key(), "auto", null);
    UserException none = assertThrows(UserException.class, () -> AzureClients.container(auto, Map.of()));
    assertTrue(none.getMessage().startsWith("no storage account key (ARM_ACCESS_KEY, AZURE_STORAGE_KEY) or SAS token"), none.getMessage());
  }

  @Test
  void aMissingContainerIsNamed() {
    AzureBlobSettings s = new AzureBlobSettings(settings.endpoint(), Azurite.ACCOUNT, "nope", "k", "key", null);
    UserException e = assertThrows(UserException.class,
        () -> new AzureBlobStateStore(s, AzureClients.container(s, Azurite.keyEnv()), StateEncryption.none(), "t", Clock.systemUTC()).read());
    assertTrue(e.getMessage().contains("container nope does not exist"), e.getMessage());
  }

  @Test
  void aWrongKeyIsRefusedWithoutShowingIt() {
    String wrong = "AAAA" + Azurite.KEY.substring(4);
    UserException e = assertThrows(UserException.class,
        () -> new AzureBlobStateStore(settings, AzureClients.container(settings, Map.of("ARM_ACCESS_KEY", wrong)), StateEncryption.none(), "t",
            Clock.systemUTC()).read());
    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
    assertTrue(!e.getMessage().contains(wrong) && !e.getMessage().contains(Azurite.KEY), e.getMessage());
    UserException garbled = assertThrows(UserException.class, () -> AzureClients.container(settings, Map.of("ARM_ACCESS_KEY", "x" + Azurite.KEY)));
    assertTrue(garbled.getMessage().contains("is not base64") && !garbled.getMessage().contains(Azurite.KEY), garbled.getMessage());
  }
}
