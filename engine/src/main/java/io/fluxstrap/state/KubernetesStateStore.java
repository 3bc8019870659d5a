package io.fluxstrap.state;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.state.KubeStateApi.Conflict;
import io.fluxstrap.state.KubeStateApi.StoredLease;
import io.fluxstrap.state.KubeStateApi.StoredSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * State in Kubernetes, as Terraform's kubernetes backend keeps it: the gzipped state in Secret
 * {@code fluxstrap-state-<suffix>} (key {@code state.gz}), the previous version in {@code
 * fluxstrap-state-<suffix>-backup}, the lock in Lease {@code fluxstrap-lock-<suffix>}.
 *
 * <p>A state bigger than one Secret may hold (1 MiB) is split: the first {@link #CHUNK} bytes stay
 * in the Secret, the rest go to part Secrets named after the serial they belong to, listed in the
 * Secret's {@code fluxstrap.io/parts} annotation. Parts are written before the Secret that lists
 * them, and the Secret is replaced at the resourceVersion read just before, so a reader never sees
 * a state whose parts are missing, and a write racing another writer fails instead of being lost.
 * The backup keeps the previous Secret's parts; parts nothing lists any more are deleted.
 *
 * <p>The Lease names its holder ({@code holderIdentity}: user@host) and carries the lock ID,
 * operation and time as annotations; the run renews it every third of its duration, so a killed
 * run's lock expires after {@code leaseDuration} unless force-unlock removes it first.
 */
public final class KubernetesStateStore implements StateStore {
  /** Bytes of gzipped state per Secret: well under the 1 MiB object limit once base64-encoded. */
  public static final int CHUNK = 512 * 1024;
  private static final String DATA_KEY = "state.gz";
  private static final String PARTS = "fluxstrap.io/parts";
  private static final String LOCK_ID = "fluxstrap.io/lock-id";
  private static final String LOCK_OPERATION = "fluxstrap.io/lock-operation";
  private static final String LOCK_CREATED = "fluxstrap.io/lock-created";

  /** Where the state lives: the namespace, the suffix naming its objects, extra labels, the lease length. */
  public record Settings(String namespace, String suffix, Map<String, String> labels, Duration leaseDuration) {
    public Settings {
      labels = Map.copyOf(labels);
    }
  }

  private final KubeStateApi api;
  private final Settings settings;
  private final StateEncryption encryption;
  private final String who;
  private final Clock clock;
  private final String secretName;
  private final String backupName;
  private final String leaseName;
  private volatile HeldLock held;


  public KubernetesStateStore(KubeStateApi api, Settings settings, StateEncryption encryption, String who, Clock clock) {
    this.api = api;
    this.settings = settings;
    this.encryption = encryption;
    this.who = who;
    this.clock = clock;
    this.secretName = "fluxstrap-state-" + settings.suffix();
    this.backupName = secretName + "-backup";
    this.leaseName = "fluxstrap-lock-" + settings.suffix();
  }

  @Override
  public String describe() {
    return "kubernetes Secret " + secretName + " in " + api.describe();
  }

  /** The labels every object of this state carries: select them with {@code -l fluxstrap.io/state=<suffix>}. */
  public Map<String, String> labels() {
    Map<String, String> l = new LinkedHashMap<>(settings.labels());
    l.put("app.kubernetes.io/managed-by", "fluxstrap");
    l.put("fluxstrap.io/state", settings.suffix());
    return l;
  }

  @Override
  public Optional<State> read() {
    return api.secret(secretName).map(s -> decode(assemble(s)));
  }

  @Override
  public void write(State next) {
    put(next, StateCodec.encode(next));
  }

  @Override
  public void markMigrated(State current, String destination) {
    State marker = new State(current.version(), current.serial() + 1, current.lineage(), current.writer(), current.resources());
    put(marker, StateCodec.encodeMigrated(marker, destination));
  }

  private void put(State next, byte[] encoded) {
    HeldLock mine = held;
    if (mine != null) mine.refuseIfLost(describe());
    Optional<StoredLease> lease = liveLease();
    if (lease.isPresent() && (mine == null || !mine.lock().id().equals(lease.get().annotations().get(LOCK_ID)))) {
      throw lockOf(lease.get()).heldBy();
    }
    Optional<StoredSecret> previous = api.secret(secretName);
    State stored = previous.map(s -> decode(assemble(s))).orElse(null);
    StateCodec.checkSuccessor(stored, next, describe());

    byte[] gz = gzip(encryption.seal(encoded));
    List<byte[]> chunks = split(gz);
    List<String> parts = new ArrayList<>();
    for (int i = 1; i < chunks.size(); i++) {
      String name = secretName + "-s" + next.serial() + "-" + i;
      putPart(name, chunks.get(i));
      parts.add(name);
    }
    Set<String> keep = new HashSet<>(parts);
    if (previous.isPresent()) {
      keep.addAll(partsOf(previous.get()));
      keepBackup(previous.get());
    }
    StoredSecret secret = new StoredSecret(secretName, labels(), Map.of(PARTS, String.join(",", parts)), Map.of(DATA_KEY, chunks.get(0)),
        previous.map(StoredSecret::resourceVersion).orElse(null));
    try {
      if (previous.isPresent()) api.replaceSecret(secret);
      else api.createSecret(secret);
    } catch (Conflict e) {
      parts.forEach(api::deleteSecret);
      throw new UserException("state changed underneath: another run wrote " + describe() + " while serial " + next.serial()
          + " was being written; run plan again");
    }
    // Parts of the state before the backup: nothing lists them now.
    for (String name : api.secretNames(Map.of("fluxstrap.io/state", settings.suffix(), "fluxstrap.io/role", "part"))) {
      if (!keep.contains(name)) api.deleteSecret(name);
    }
  }

  @Override
  public LockInfo lock(String operation) {
    if (held != null) throw held.lock().heldBy();
    LockInfo lock = new LockInfo(UUID.randomUUID().toString(), who, operation, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Optional<StoredLease> existing = api.lease(leaseName);
    StoredLease mine = leaseFor(lock, existing.map(StoredLease::resourceVersion).orElse(null));
    try {
      if (existing.isEmpty()) api.createLease(mine);
      else if (expired(existing.get())) api.replaceLease(mine); // a dead run's lock: take it over
      else throw lockOf(existing.get()).heldBy();
    } catch (Conflict e) {
      throw api.lease(leaseName).map(l -> lockOf(l).heldBy())
          .orElseGet(() -> new UserException("state was locked and unlocked by another run just now (" + describe() + "); try again"));
    }
    Duration period = settings.leaseDuration().dividedBy(3);
    held = new HeldLock(lock, new LockRenewal(settings.suffix(), period, () -> renew(lock)));
    return lock;
  }

  @Override
  public void unlock(LockInfo lock) {
    HeldLock mine = held;
    if (mine != null && mine.release(lock)) held = null;
    Optional<StoredLease> current = liveLease();
    if (current.isEmpty()) return; // removed by force-unlock, or expired
    if (!lock.id().equals(current.get().annotations().get(LOCK_ID))) {
      LockInfo other = lockOf(current.get());
      throw new UserException("cannot unlock " + describe() + ": the lock is now held by " + other.who() + " (lock ID " + other.id()
          + "), not by lock ID " + lock.id());
    }
    try {
      api.deleteLease(leaseName, current.get().resourceVersion());
    } catch (Conflict e) {
      throw new UserException("cannot unlock " + describe() + ": its Lease changed underneath; check it with kubectl get lease " + leaseName);
    }
  }

  @Override
  public void forceUnlock(String id) {
    StoredLease current = liveLease().orElseThrow(() -> new UserException("state " + describe() + " is not locked"));
    LockInfo lock = lockOf(current);
    if (!lock.id().equals(id)) {
      throw new UserException("lock ID " + id + " does not match the lock on " + describe() + " (lock ID " + lock.id() + ", held by "
          + lock.who() + " for " + lock.operation() + ")");
    }
    try {
      api.deleteLease(leaseName, current.resourceVersion());
    } catch (Conflict e) {
      throw new UserException("the lock on " + describe() + " changed while it was being removed; run force-unlock again");
    }
  }

  @Override
  public void close() {
    HeldLock mine = held;
    if (mine != null) mine.renewal().close();
    api.close();
  }

  @Override
  public Optional<LockInfo> currentLock() {
    return liveLease().map(KubernetesStateStore::lockOf);
  }

  private void renew(LockInfo lock) {
    StoredLease current = api.lease(leaseName).orElseThrow(() -> new IllegalStateException("the Lease " + leaseName + " was removed"));
    if (!lock.id().equals(current.annotations().get(LOCK_ID))) {
      throw new IllegalStateException("the Lease " + leaseName + " is now held by " + current.holder());
    }
    api.replaceLease(new StoredLease(leaseName, current.labels(), current.annotations(), current.holder(), current.acquired(),
        clock.instant(), current.durationSeconds(), current.resourceVersion()));
  }

  /** The Lease while someone holds it: one whose holder stopped renewing it is no lock. */
  private Optional<StoredLease> liveLease() {
    return api.lease(leaseName).filter(l -> !expired(l));
  }

  private boolean expired(StoredLease l) {
    if (l.holder() == null || l.holder().isEmpty()) return true;
    Instant renewed = l.renewed() != null ? l.renewed() : l.acquired();
    return renewed == null || renewed.plusSeconds(Math.max(l.durationSeconds(), 1)).isBefore(clock.instant());
  }

  private StoredLease leaseFor(LockInfo lock, String resourceVersion) {
    Map<String, String> annotations = Map.of(LOCK_ID, lock.id(), LOCK_OPERATION, lock.operation(), LOCK_CREATED, lock.created().toString());
    return new StoredLease(leaseName, labels(), annotations, lock.who(), clock.instant(), clock.instant(),
        (int) settings.leaseDuration().toSeconds(), resourceVersion);
  }

  private static LockInfo lockOf(StoredLease l) {
    Map<String, String> a = l.annotations();
    Instant created;
    try {
      created = Instant.parse(a.getOrDefault(LOCK_CREATED, ""));
    } catch (RuntimeException e) {
      created = l.acquired() != null ? l.acquired() : Instant.EPOCH;
    }
    return new LockInfo(a.getOrDefault(LOCK_ID, "unknown"), l.holder() == null ? "?" : l.holder(), a.getOrDefault(LOCK_OPERATION, "?"), created);
  }

  /** The previous state becomes the backup: its first chunk copied, its parts referenced, not copied. */
  private void keepBackup(StoredSecret previous) {
    Map<String, String> labels = labels();
    StoredSecret backup = new StoredSecret(backupName, labels, previous.annotations(), previous.data(), null);
    Optional<StoredSecret> old = api.secret(backupName);
    if (old.isEmpty()) api.createSecret(backup);
    else api.replaceSecret(new StoredSecret(backupName, labels, previous.annotations(), previous.data(), old.get().resourceVersion()));
  }

  private void putPart(String name, byte[] chunk) {
    Map<String, String> labels = labels();
    labels.put("fluxstrap.io/role", "part");
    // A part left by a run that died before its Secret was replaced may carry this name: replace it.
    api.deleteSecret(name);
    api.createSecret(new StoredSecret(name, labels, Map.of(), Map.of(DATA_KEY, chunk), null));
  }

  private static List<String> partsOf(StoredSecret s) {
    String list = s.annotations().getOrDefault(PARTS, "");
    return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
  }

  /** The stored (gzipped) bytes: the Secret's chunk, then its parts in order. */
  private byte[] assemble(StoredSecret s) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(s.data().getOrDefault(DATA_KEY, new byte[0]));
    for (String part : partsOf(s)) {
      StoredSecret p = api.secret(part).orElseThrow(() -> new UserException(describe() + " lists part " + part
          + ", which is missing; another run may be writing: try again, or restore the backup " + backupName));
      all.writeBytes(p.data().getOrDefault(DATA_KEY, new byte[0]));
    }
    return all.toByteArray();
  }

  private State decode(byte[] gz) {
    byte[] stored;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      stored = in.readAllBytes();
    } catch (IOException e) {
      // Not gzip: written by hand or by another tool; the codec names what is wrong with it.
      stored = gz;
    }
    return StateCodec.decode(encryption.open(stored, describe()), describe());
  }

  /** The backup's state bytes (still sealed when encrypted), for tests and inspection. */
  public Optional<byte[]> backupBytes() {
    return api.secret(backupName).map(s -> gunzip(assemble(s)));
  }

  private static byte[] gunzip(byte[] gz) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<byte[]> split(byte[] bytes) {
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < bytes.length || chunks.isEmpty(); at += CHUNK) {
      chunks.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + CHUNK)));
    }
    return chunks;
  }
}
