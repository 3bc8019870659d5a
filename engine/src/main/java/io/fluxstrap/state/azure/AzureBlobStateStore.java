package io.fluxstrap.state.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.LeaseStateType;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.fluxstrap.azure.AzureCredentials;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.HeldLock;
import io.fluxstrap.state.LockInfo;
import io.fluxstrap.state.LockRenewal;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateCodec;
import io.fluxstrap.state.StateEncryption;
import io.fluxstrap.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * State in an Azure Storage blob, as Terraform's azurerm backend keeps it: one blob per state
 * ({@code <container>/<key>}), the previous version in {@code <key>.backup}.
 *
 * <p>The lock is a blob lease whose ID is the lock ID, renewed while the run lasts (a killed run's
 * lease expires after {@link AzureBlobSettings#lease()}, or {@code force-unlock} breaks it at once);
 * who holds it, for what and since when are the blob's metadata. Every write is conditional: on
 * the ETag read just before (If-Match, or If-None-Match for the first), and on the lease when this
 * run holds it, so a write racing another writer fails and is never lost. A blob that is leased by
 * another run refuses writes without its lease ID on the service side too.
 */
public final class AzureBlobStateStore implements StateStore {
  private static final String META_ID = "fluxstrap_lock_id";
  private static final String META_WHO = "fluxstrap_lock_who";
  private static final String META_OPERATION = "fluxstrap_lock_operation";
  private static final String META_CREATED = "fluxstrap_lock_created";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final AzureBlobSettings settings;
  private final BlobClient blob;
  private final BlobClient backup;
  private final StateEncryption encryption;
  private final String who;
  private final Clock clock;
  private final Duration renewEvery;
  private final AzureCredentials identity; // null: signed with a key or SAS
  private volatile HeldLock held;


  private record Fetched(byte[] bytes, String etag) {}

  public AzureBlobStateStore(AzureBlobSettings settings, BlobContainerClient container, StateEncryption encryption, String who, Clock clock) {
    this(settings, container, null, encryption, who, clock, settings.lease().dividedBy(3));
  }

  AzureBlobStateStore(AzureBlobSettings settings, BlobContainerClient container, StateEncryption encryption, String who, Clock clock,
      Duration renewEvery) {
    this(settings, container, null, encryption, who, clock, renewEvery);
  }

  /**
   * {@code identity}: the Entra ID credential {@code container} signs with (null for a key or SAS), to
   * name who was refused; {@code renewEvery}: how often the lease is renewed (a third of its duration,
   * or more often in tests).
   */
  AzureBlobStateStore(AzureBlobSettings settings, BlobContainerClient container, AzureCredentials identity, StateEncryption encryption,
      String who, Clock clock, Duration renewEvery) {
    this.identity = identity;
    this.renewEvery = renewEvery;
    this.settings = settings;
    this.blob = container.getBlobClient(settings.key());
    this.backup = container.getBlobClient(settings.key() + ".backup");
    this.encryption = encryption;
    this.who = who;
    this.clock = clock;
  }

  /** A store reached with the credentials in {@code env}, whose locks name the current user@host. */
  public static AzureBlobStateStore open(AzureBlobSettings settings, Map<String, String> env, StateEncryption encryption) {
    AzureClients.Connection c = AzureClients.connect(settings, env);
    return new AzureBlobStateStore(settings, c.container(), c.identity(), encryption, LockInfo.currentWho(), Clock.systemUTC(),
        settings.lease().dividedBy(3));
  }

  @Override
  public String describe() {
    return settings.describe();
  }

  @Override
  public Optional<State> read() {
    return guarded(this::readNow);
  }

  @Override
  public void write(State next) {
    guarded(() -> {
      put(next, StateCodec.encode(next));
      return null;
    });
  }

  @Override
  public LockInfo lock(String operation) {
    return guarded(() -> lockNow(operation));
  }

  @Override
  public void unlock(LockInfo lock) {
    guarded(() -> {
      unlockNow(lock);
      return null;
    });
  }

  @Override
  public void forceUnlock(String id) {
    guarded(() -> {
      forceUnlockNow(id);
      return null;
    });
  }

  @Override
  public void markMigrated(State current, String destination) {
    State marker = new State(current.version(), current.serial() + 1, current.lineage(), current.writer(), current.resources());
    guarded(() -> {
      put(marker, StateCodec.encodeMigrated(marker, destination));
      return null;
    });
  }

  private <T> T guarded(java.util.function.Supplier<T> work) {
    return AzureErrors.guarded(describe(), settings.endpoint(), identity, work);
  }

  private Optional<State> readNow() {
    return fetch(blob).filter(f -> f.bytes().length > 0).map(f -> decode(f.bytes()));
  }

  private void put(State next, byte[] encoded) {
    HeldLock mine = held;
    if (mine != null) mine.refuseIfLost(describe());
    if (mine == null) leasedLock().ifPresent(l -> {
      throw l.heldBy();
    });
    Optional<Fetched> previous = fetch(blob);
    State stored = previous.filter(f -> f.bytes().length > 0).map(f -> decode(f.bytes())).orElse(null);
    StateCodec.checkSuccessor(stored, next, describe());
    if (stored != null) upload(backup, previous.get().bytes(), new BlobRequestConditions(), Map.of());
    BlobRequestConditions when = new BlobRequestConditions();
    if (previous.isPresent()) when.setIfMatch(previous.get().etag());
    else when.setIfNoneMatch("*");
    if (mine != null) when.setLeaseId(mine.lock().id());
    try {
      upload(blob, encryption.seal(encoded), when, mine == null ? Map.of() : metadata(mine.lock()));
    } catch (BlobStorageException e) {
      throw refusedWrite(e, next);
    }
  }

  private LockInfo lockNow(String operation) {
    if (held != null) throw held.lock().heldBy();
    ensureBlob();
    LockInfo lock = new LockInfo(UUID.randomUUID().toString(), who, operation, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    BlobLeaseClient lease = lease(lock.id());
    try {
      lease.acquireLease((int) settings.lease().toSeconds());
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409) {
        throw leasedLock().map(LockInfo::heldBy).orElseGet(() -> new UserException(describe()
            + " is leased by another client that left no lock details; if no run is active, break the lease in the Azure portal"));
      }
      throw failure("lock", e);
    }
    try {
      blob.setMetadataWithResponse(metadata(lock), new BlobRequestConditions().setLeaseId(lock.id()), TIMEOUT, Context.NONE);
    } catch (BlobStorageException e) {
      lease.releaseLease();
      throw failure("record the lock on", e);
    }
    held = new HeldLock(lock, new LockRenewal(settings.key(), renewEvery, lease::renewLease));
    return lock;
  }

  private void unlockNow(LockInfo lock) {
    HeldLock mine = held;
    if (mine != null && mine.release(lock)) held = null;
    Optional<LockInfo> current = leasedLock();
    if (current.isEmpty()) return; // broken by force-unlock or expired: nothing of ours to release
    if (!current.get().id().equals(lock.id())) {
      throw new UserException("cannot unlock " + describe() + ": the lock is now held by " + current.get().who()
          + " (lock ID " + current.get().id() + "), not by lock ID " + lock.id());
    }
    try {
      blob.setMetadataWithResponse(Map.of(), new BlobRequestConditions().setLeaseId(lock.id()), TIMEOUT, Context.NONE);
      lease(lock.id()).releaseLease();
    } catch (BlobStorageException e) {
      throw failure("unlock", e);
    }
  }

  private void forceUnlockNow(String id) {
    LockInfo current = leasedLock().orElseThrow(() -> new UserException("state " + describe() + " is not locked"));
    if (!current.id().equals(id)) {
      throw new UserException("lock ID " + id + " does not match the lock on " + describe() + " (lock ID "
          + current.id() + ", held by " + current.who() + " for " + current.operation() + ")");
    }
    try {
      lease(id).breakLeaseWithResponse(0, null, TIMEOUT, Context.NONE);
      blob.setMetadataWithResponse(Map.of(), null, TIMEOUT, Context.NONE);
    } catch (BlobStorageException e) {
      throw failure("break the lease on", e);
    }
  }

  @Override
  public void close() {
    HeldLock mine = held;
    if (mine != null) mine.renewal().close();
  }

  @Override
  public Optional<LockInfo> currentLock() {
    return guarded(this::leasedLock);
  }

  /** The lock recorded on the blob while it is leased; a lease that expired or was broken is no lock. */
  private Optional<LockInfo> leasedLock() {
    BlobProperties p;
    try {
      p = blob.getProperties();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) return Optional.empty();
      throw failure("read", e);
    }
    if (p.getLeaseState() != LeaseStateType.LEASED) return Optional.empty();
    Map<String, String> m = p.getMetadata() == null ? Map.of() : p.getMetadata();
    if (!m.containsKey(META_ID)) {
      // Leased between acquiring and recording the details, or by another tool.
      return Optional.of(new LockInfo("unknown", "another client", "an unknown operation", p.getLastModified().toInstant()));
    }
    Instant created;
    try {
      created = Instant.parse(m.getOrDefault(META_CREATED, ""));
    } catch (RuntimeException e) {
      created = p.getLastModified().toInstant();
    }
    return Optional.of(new LockInfo(m.get(META_ID), m.getOrDefault(META_WHO, "?"), m.getOrDefault(META_OPERATION, "?"), created));
  }

  /** The blob must exist to be leased: an empty one stands for "no state yet". */
  private void ensureBlob() {
    try {
      upload(blob, new byte[0], new BlobRequestConditions().setIfNoneMatch("*"), Map.of());
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409 || e.getStatusCode() == 412) return; // exists (maybe leased): fine
      throw failure("lock", e);
    }
  }

  private Optional<Fetched> fetch(BlobClient b) {
    try {
      BlobDownloadContentResponse r = b.downloadContentWithResponse(null, null, TIMEOUT, Context.NONE);
      return Optional.of(new Fetched(r.getValue().toBytes(), r.getDeserializedHeaders().getETag()));
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) {
        if (e.getErrorCode() == BlobErrorCode.CONTAINER_NOT_FOUND) {
          throw new UserException("container " + settings.container() + " does not exist in storage account " + settings.account()
              + " (" + settings.endpoint() + "); create it first");
        }
        return Optional.empty();
      }
      throw failure("read", e);
    }
  }

  private void upload(BlobClient b, byte[] bytes, BlobRequestConditions when, Map<String, String> metadata) {
    BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(bytes))
        .setRequestConditions(when)
        .setMetadata(metadata)
        .setHeaders(new BlobHttpHeaders().setContentType("application/json"));
    b.uploadWithResponse(options, TIMEOUT, Context.NONE);
  }

  private State decode(byte[] stored) {
    return StateCodec.decode(encryption.open(stored, describe()), describe());
  }

  private UserException refusedWrite(BlobStorageException e, State next) {
    BlobErrorCode code = e.getErrorCode();
    if (code == BlobErrorCode.LEASE_ID_MISSING || code == BlobErrorCode.LEASE_ID_MISMATCH_WITH_BLOB_OPERATION
        || code == BlobErrorCode.LEASE_NOT_PRESENT_WITH_BLOB_OPERATION || code == BlobErrorCode.LEASE_LOST) {
      return leasedLock().map(LockInfo::heldBy).orElseGet(() -> new UserException("lost the lock on " + describe() + "; run again"));
    }
    if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
      return new UserException("state changed underneath: another run wrote " + describe() + " while serial " + next.serial()
          + " was being written; run plan again");
    }
    return failure("write", e);
  }

  private UserException failure(String verb, BlobStorageException e) {
    return AzureErrors.failure(verb, describe(), e, identity);
  }

  private BlobLeaseClient lease(String id) {
    return new BlobLeaseClientBuilder().blobClient(blob).leaseId(id).buildClient();
  }

  private static Map<String, String> metadata(LockInfo lock) {
    Map<String, String> m = new HashMap<>();
    m.put(META_ID, lock.id());
    m.put(META_WHO, lock.who());
    m.put(META_OPERATION, lock.operation());
    m.put(META_CREATED, lock.created().toString());
    return m;
  }
}
