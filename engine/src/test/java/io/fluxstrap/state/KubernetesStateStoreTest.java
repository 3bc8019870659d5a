package io.fluxstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.kube.KubeStateApis;
import io.fluxstrap.testing.MockCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state contract on Secrets and a Lease in the mock Kubernetes API, plus chunking and labels. */
class KubernetesStateStoreTest extends StateStoreContract {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static MockCluster mock;
  private String ns;
  /** One client for every store of a test, as the contract opens many: the API, not the client, is under test. */
  private KubeStateApi api;

  @BeforeAll
  static void start() {
    mock = MockCluster.start();
  }

  @AfterAll
  static void stop() {
    mock.close();
  }

  @BeforeEach
  void namespace() {
    ns = "state-" + NAMESPACES.incrementAndGet();
    api = KubeStateApis.at(mock.url(), ns);
  }

  @AfterEach
  void closeApi() {
    api.close();
  }

  private KubernetesStateStore store(Clock clock, Duration lease) {
    return new KubernetesStateStore(new Unclosed(api),
        new KubernetesStateStore.Settings(ns, "fleet", Map.of("team", "platform"), lease), StateEncryption.none(), "tester@host", clock);
  }

  @Override
  protected StateStore store() {
    return store(Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(60));
  }

  @Override
  protected void putRaw(byte[] bytes) {
    Secret s = new SecretBuilder().withNewMetadata().withName("fluxstrap-state-fleet").withNamespace(ns).endMetadata()
        .withData(Map.of("state.gz", Base64.getEncoder().encodeToString(gzip(bytes)))).build();
    mock.client().secrets().inNamespace(ns).resource(s).create();
  }

  @Override
  protected Optional<byte[]> backupRaw() {
    return ((KubernetesStateStore) store()).backupBytes();
  }

  @Test
  void theLockIsALeaseNamingItsHolder() {
    LockInfo lock = store().lock("apply");
    Lease lease = mock.client().leases().inNamespace(ns).withName("fluxstrap-lock-fleet").get();
    assertEquals("tester@host", lease.getSpec().getHolderIdentity());
    assertEquals(lock.id(), lease.getMetadata().getAnnotations().get("fluxstrap.io/lock-id"));
    assertEquals(60, lease.getSpec().getLeaseDurationSeconds());
    assertEquals("fluxstrap", lease.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
  }

  @Test
  void aLeaseNotRenewedInTimeIsTakenOver() {
    Instant t0 = Instant.parse("2026-11-02T10:00:00Z");
    store(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofSeconds(30)).lock("apply"); // a run that then died
    Clock later = Clock.fixed(t0.plusSeconds(31), ZoneOffset.UTC);
    LockInfo next = store(later, Duration.ofSeconds(30)).lock("plan");
    assertEquals("plan", next.operation());
  }

  @Test
  void theRunRenewsItsLease() throws InterruptedException {
    KubernetesStateStore holder = store(Clock.systemUTC(), Duration.ofSeconds(3));
    holder.lock("apply");
    Instant first = mock.client().leases().inNamespace(ns).withName("fluxstrap-lock-fleet").get().getSpec().getRenewTime().toInstant();
    Thread.sleep(1500);
    Instant renewed = mock.client().leases().inNamespace(ns).withName("fluxstrap-lock-fleet").get().getSpec().getRenewTime().toInstant();
    assertTrue(renewed.isAfter(first), first + " then " + renewed);
    assertThrows(UserException.class, () -> store(Clock.systemUTC(), Duration.ofSeconds(3)).lock("plan"));
    holder.close();
  }

  @Test
  void aBigStateIsSplitAcrossSecretsAndReadBack() {
    // Random attribute values do not compress: ~1.5 MiB of state needs three Secrets.
    SecureRandom random = new SecureRandom();
    Map<String, ResourceState> resources = new HashMap<>();
    for (int i = 0; i < 1500; i++) {
      byte[] noise = new byte[768];
      random.nextBytes(noise);
      resources.put("cluster.c" + i + ".secret", new ResourceState("cluster_secret", Map.of("noise", Base64.getEncoder().encodeToString(noise))));
    }
    State big = new State(State.FORMAT_VERSION, 1, sample().lineage(), "t", resources);
    store().write(big);
    List<String> secrets = mock.client().secrets().inNamespace(ns).withLabel("fluxstrap.io/state", "fleet").list().getItems().stream()
        .map(s -> s.getMetadata().getName()).sorted().toList();
    assertEquals(List.of("fluxstrap-state-fleet", "fluxstrap-state-fleet-s1-1", "fluxstrap-state-fleet-s1-2"), secrets);
    for (String name : secrets) {
      Secret s = mock.client().secrets().inNamespace(ns).withName(name).get();
      assertTrue(Base64.getDecoder().decode(s.getData().get("state.gz")).length <= KubernetesStateStore.CHUNK);
      assertEquals("platform", s.getMetadata().getLabels().get("team"));
    }
    assertEquals(Optional.of(big), store().read());
    State smaller = new State(State.FORMAT_VERSION, 2, big.lineage(), "t", Map.of());
    store().write(smaller);
    State smallest = new State(State.FORMAT_VERSION, 3, big.lineage(), "t", Map.of());
    store().write(smallest);
    assertEquals(Optional.of(smallest), store().read());
    assertNotNull(mock.client().secrets().inNamespace(ns).withName("fluxstrap-state-fleet-backup").get());
    assertEquals(List.of(), mock.client().secrets().inNamespace(ns).withLabel("fluxstrap.io/role", "part").list().getItems(),
        "parts nothing lists any more are deleted");
  }

  /** Stores in a test share the client; closing one (renewal stops) leaves it open. */
  private static class Unclosed implements KubeStateApi {
    private final KubeStateApi api;

    Unclosed(KubeStateApi api) {
      this.api = api;
    }

    public Optional<StoredSecret> secret(String name) { return api.secret(name); }
    public StoredSecret createSecret(StoredSecret s) { return api.createSecret(s); }
    public StoredSecret replaceSecret(StoredSecret s) { return api.replaceSecret(s); }
    public void deleteSecret(String name) { api.deleteSecret(name); }
    public List<String> secretNames(Map<String, String> labels) { return api.secretNames(labels); }
    public Optional<StoredLease> lease(String name) { return api.lease(name); }
    public StoredLease createLease(StoredLease l) { return api.createLease(l); }
    public StoredLease replaceLease(StoredLease l) { return api.replaceLease(l); }
    public void deleteLease(String name, String resourceVersion) { api.deleteLease(name, resourceVersion); }
    public String describe() { return api.describe(); }
    public void close() {}
  }

  @Test
  void aWriteRacingAnotherWriterIsRefusedAndTheOtherKept() {
    store().write(sample());
    State theirs = sample().with("theirs", new ResourceState("t", Map.of()));
    // Another run commits between this run's read and its replace: the resourceVersion moved on.
    KubeStateApi racing = new Unclosed(api) {
      private boolean raced;

      @Override
      public StoredSecret replaceSecret(StoredSecret s) {
        if (!raced && s.name().equals("fluxstrap-state-fleet")) {
          raced = true;
          store().write(theirs);
        }
        return super.replaceSecret(s);
      }
    };
    KubernetesStateStore ours = new KubernetesStateStore(racing, new KubernetesStateStore.Settings(ns, "fleet", Map.of(), Duration.ofSeconds(60)),
        StateEncryption.none(), "tester@host", Clock.systemUTC());
    UserException e = assertThrows(UserException.class, () -> ours.write(sample().with("ours", new ResourceState("t", Map.of()))));
    assertTrue(e.getMessage().startsWith("state changed underneath"), e.getMessage());
    assertEquals(Optional.of(theirs), store().read(), "the other writer's state is kept, never lost");
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
