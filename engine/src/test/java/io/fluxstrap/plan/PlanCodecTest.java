package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  static Plan sample() {
    Step render = new Step("cluster.dev.manifests", ChangeKind.CREATE, "not in fleet@main",
        new Action.RenderManifests("dev", "fleet", List.of(new Action.FileChange("clusters/dev/flux-system/gotk-sync.yaml", null, "sha256:ab"))),
        Map.of(), Map.of("clusters/dev/flux-system/gotk-sync.yaml", "sha256:ab"));
    Step secret = new Step("cluster.dev.secret", ChangeKind.UPDATE, "credential rotated",
        new Action.ApplySecret("dev", "flux-system", "flux-system", List.of("password", "username"), "hmac-sha256:00"),
        Map.of("password", "(sensitive)"), Map.of("password", "(sensitive)"));
    Step health = new Step("cluster.dev.health", ChangeKind.READ, "wait", new Action.WaitHealthy("dev", 300), Map.of(), Map.of());
    return new Plan(1, "spec.yaml", "name: x\n", "lineage-1", 4, true, List.of(render, secret, health), List.of("a warning"));
  }

  @Test
  void roundTripsEveryField() {
    Plan plan = sample();
    String json = PlanCodec.encode(plan);
    Plan back = PlanCodec.decode(Path.of("p.fsp"), json.getBytes(StandardCharsets.UTF_8));
    assertEquals(plan, back);
    assertTrue(json.contains("\"type\" : \"render_manifests\""), json);
    assertFalse(json.contains("\"empty\""), "derived properties must not leak into the document");
  }

  @Test
  void refusesGarbageAndNewerFormats() {
    UserException e = assertThrows(UserException.class, () -> PlanCodec.decode(Path.of("p.fsp"), "{nope".getBytes()));
    assertTrue(e.getMessage().contains("p.fsp: not a fluxstrap plan file"), e.getMessage());
    String newer = PlanCodec.encode(sample()).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
    UserException e2 = assertThrows(UserException.class, () -> PlanCodec.decode(Path.of("p.fsp"), newer.getBytes()));
    assertTrue(e2.getMessage().contains("newer"), e2.getMessage());
  }
}
