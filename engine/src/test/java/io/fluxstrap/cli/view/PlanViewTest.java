package io.fluxstrap.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.cli.Style;
import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.ChangeKind;
import io.fluxstrap.plan.Plan;
import io.fluxstrap.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The human plan, pinned: Terraform's symbols, a reason per step, hashes, (sensitive), summary. */
class PlanViewTest {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);

  @Test
  void rendersStepsReasonsAttributesAndSummary() {
    Map<String, String> before = new LinkedHashMap<>();
    before.put("clusters/dev/flux-system/gotk-components.yaml", A);
    Map<String, String> after = new LinkedHashMap<>();
    after.put("clusters/dev/flux-system/gotk-components.yaml", B);
    Step files = new Step("cluster.dev.manifests", ChangeKind.UPDATE, "gotk-components.yaml differs from Flux v2.7.5 with the selected components",
        new Action.RenderManifests("dev", "fleet", List.of(new Action.FileChange("clusters/dev/flux-system/gotk-components.yaml", A, B))), before, after);
    Step secret = new Step("cluster.dev.secret", ChangeKind.CREATE, "secret flux-system/flux-system does not exist on the cluster",
        new Action.ApplySecret("dev", "flux-system", "flux-system", List.of("password", "username"), "hmac-sha256:" + "0".repeat(64)),
        Map.of(), Map.of("password", "(sensitive)"));
    Step health = new Step("cluster.dev.health", ChangeKind.READ, "wait for Ready", new Action.WaitHealthy("dev", 300), Map.of(), Map.of("timeout", "300s"));
    Plan plan = new Plan(1, "s.yaml", "", "l", 1, true, List.of(files, secret, health), List.of("the token expires in 3 days"));
    assertEquals("""
        Warning: the token expires in 3 days

        fluxstrap will perform the following actions:

          # cluster.dev.manifests will be updated in-place
          # (gotk-components.yaml differs from Flux v2.7.5 with the selected components)
          ~ render flux-system manifests of cluster dev into repository fleet (1 file)
              ~ clusters/dev/flux-system/gotk-components.yaml = %s -> %s

          # cluster.dev.secret will be created
          # (secret flux-system/flux-system does not exist on the cluster)
          + secret flux-system/flux-system (Opaque: password, username)
              + password = (sensitive)

          # cluster.dev.health will be checked
          # (wait for Ready)
          <= wait until Flux is Ready on cluster dev (timeout 300s)
              + timeout = 300s

        Plan: 1 to add, 1 to change, 0 to destroy, then 1 health check.
        """.formatted(A, B), new PlanView(new Style(false)).render(plan));
  }

  @Test
  void saysNoChangesAndWhetherItLookedAtWhatIsLive() {
    Plan refreshed = new Plan(1, "s.yaml", "", "l", 1, true, List.of(), List.of());
    assertEquals("No changes. The repositories and clusters match the spec.\n", new PlanView(new Style(false)).render(refreshed));
    Plan fromState = new Plan(1, "s.yaml", "", "l", 1, false, List.of(), List.of());
    assertTrue(new PlanView(new Style(false)).render(fromState).contains("as recorded in state"));
  }
}
