package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.Spec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** -target=cluster.NAME: parsed strictly; a targeted plan touches only those clusters and destroys none of the others. */
class TargetsTest {
  @Test
  void parsesClusterAddressesOnly() {
    assertEquals(Set.of("dev", "prod"), Targets.clusters(List.of("cluster.dev", " cluster.prod ")));
    for (String bad : List.of("dev", "cluster.", "cluster.dev.secret", "repository.fleet")) {
      UserException e = assertThrows(UserException.class, () -> Targets.clusters(List.of(bad)));
      assertTrue(e.getMessage().startsWith("-target takes a cluster address"), e.getMessage());
    }
  }

  @Test
  void aTargetedPlanPlansOnlyTheTargetAndDestroysNoOther() {
    Spec spec = PlannerTest.spec("dev", "prod");
    Spec only = Targets.only(spec, Set.of("dev"));
    assertEquals(Set.of("dev"), only.clusters().keySet());
    assertEquals(spec.repositories().keySet(), only.repositories().keySet());
    Teardown t = new Teardown(false, false, false, false, false, Set.of("dev"));
    Plan p = new Planner().plan(only, DestroyPlannerTest.applied("dev", "prod"), PlannerTest.desiredAll(only), null, List.of(), Set.of(), t);
    assertTrue(p.steps().stream().noneMatch(s -> s.address().startsWith("cluster.prod")), p.steps().toString());
    assertTrue(p.steps().stream().noneMatch(s -> s.change() == ChangeKind.DELETE), p.steps().toString());
  }
}
