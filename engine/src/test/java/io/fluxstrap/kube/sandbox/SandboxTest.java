package io.fluxstrap.kube.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.kube.ApplyManifestsFixture;
import io.fluxstrap.kube.Cluster;
import io.fluxstrap.kube.ClusterIdentity;
import io.fluxstrap.kube.Fabric8Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SandboxTest {
  @TempDir Path dir;

  static Cluster clusterOn(Sandbox sandbox) {
    return Fabric8Cluster.at(sandbox.url(), new Fabric8Cluster.Options(Duration.ofSeconds(5), false), () -> {});
  }

  @Test
  void objectsAndTheKubeSystemUidSurviveARestart() throws Exception {
    ClusterIdentity identity;
    Map<String, Object> repo;
    long lastVersion;
    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = clusterOn(sandbox)) {
      identity = cluster.identity();
      cluster.applyManifests(ApplyManifestsFixture.bundle(), Cluster.ApplyListener.NONE);
      cluster.applyManifests(ApplyManifestsFixture.sync(), Cluster.ApplyListener.NONE);
      cluster.applySecret("flux-system", "flux-system", Map.of("password", "pat".getBytes(StandardCharsets.UTF_8)));
      repo = cluster.get("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system").orElseThrow();
      lastVersion = maxResourceVersion(Files.readString(sandbox.objectsFile()));
    }
    assertTrue(Files.exists(dir.resolve("objects.json")));
    assertFalse(Files.exists(dir.resolve("objects.json.tmp")));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("objects.json"))));

    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = clusterOn(sandbox)) {
      assertEquals(identity.uid(), cluster.identity().uid());
      assertEquals(repo, cluster.get("source.toolkit.fluxcd.io/v1", "GitRepository", "flux-system", "flux-system")
          .orElseThrow(), "custom resources are served again after a restart");
      assertArrayEquals("pat".getBytes(StandardCharsets.UTF_8),
          cluster.readSecret("flux-system", "flux-system").orElseThrow().data().get("password"));
      assertTrue(cluster.deployments("flux-system", java.util.List.of("source-controller"))
          .get("source-controller").available());

      cluster.applyNamespace("after-restart");
      Map<String, Object> fresh = cluster.get("v1", "Namespace", null, "after-restart").orElseThrow();
      long version = Long.parseLong((String) ((Map<?, ?>) fresh.get("metadata")).get("resourceVersion"));
      assertTrue(version > lastVersion, "new writes get resource versions above the stored ones");
    }
  }

  @Test
  void everyWriteIsOnDiskAtOnceSoAKilledRunKeepsIt() throws Exception {
    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE); Cluster cluster = clusterOn(sandbox)) {
      cluster.applyNamespace("written-before-any-close");

      String stored = Files.readString(sandbox.objectsFile());
      assertTrue(stored.contains("\"name\" : \"written-before-any-close\""), stored);
    }
  }

  @Test
  void oneProcessAtATimeMayUseADirectory() {
    try (Sandbox sandbox = Sandbox.open(dir, RevisionSource.NONE)) {
      assertThrows(Sandbox.SandboxInUseException.class, () -> Sandbox.open(dir, RevisionSource.NONE));
    }
    Sandbox.open(dir, RevisionSource.NONE).close();
  }

  @Test
  void aDamagedObjectsFileIsReportedNotOverwritten() throws Exception {
    Files.writeString(dir.resolve("objects.json"), "{ not json");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sandbox.open(dir, RevisionSource.NONE));

    assertTrue(e.getMessage().contains("objects.json is not valid JSON"), e.getMessage());
    assertEquals("{ not json", Files.readString(dir.resolve("objects.json")));
    Files.delete(dir.resolve("objects.json"));
    Sandbox.open(dir, RevisionSource.NONE).close(); // and the directory lock was released
  }

  private static long maxResourceVersion(String objectsJson) {
    JsonNode root = JsonMapper.builder().build().readTree(objectsJson);
    long max = 0;
    for (JsonNode entry : root.path("objects")) {
      max = Math.max(max, entry.path("object").path("metadata").path("resourceVersion").asLong(0));
    }
    return max;
  }
}
