package io.fluxstrap.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fluxstrap.diag.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rm, mv and push on plain state: one serial step each, lineage kept, refusals with what to do. */
class StateSurgeryTest {
  static final State S = new State(State.FORMAT_VERSION, 7, "l-1", "t", Map.of(
      "cluster.dev", new ResourceState("cluster", Map.of("uid", "u1")),
      "cluster.dev.secret", new ResourceState("secret", Map.of("fingerprint", "f")),
      "cluster.devx", new ResourceState("cluster", Map.of("uid", "u2")),
      "repository.fleet", new ResourceState("repository", Map.of("head", "h"))));

  @Test
  void rmForgetsAnAddressAndWhatIsUnderItOnly() {
    State next = StateSurgery.rm(S, List.of("cluster.dev"));
    assertEquals(List.of("cluster.devx", "repository.fleet"), List.copyOf(next.resources().keySet()));
    assertEquals(8, next.serial());
    assertEquals("l-1", next.lineage());
    assertThrows(UserException.class, () -> StateSurgery.rm(S, List.of("cluster.nope")));
  }

  @Test
  void mvRenamesAndRefusesTakenOrMismatchedAddresses() {
    State next = StateSurgery.mv(S, "cluster.dev", "cluster.edge");
    assertEquals(List.of("cluster.devx", "cluster.edge", "cluster.edge.secret", "repository.fleet"), List.copyOf(next.resources().keySet()));
    assertEquals(S.resource("cluster.dev.secret"), next.resource("cluster.edge.secret"));
    assertEquals(8, next.serial());
    assertThrows(UserException.class, () -> StateSurgery.mv(S, "cluster.dev", "cluster.devx"));
    assertThrows(UserException.class, () -> StateSurgery.mv(S, "cluster.dev", "repository.dev"));
    assertThrows(UserException.class, () -> StateSurgery.mv(S, "cluster.dev.secret", "cluster.edge.namespace"));
  }

  @Test
  void pushChecksLineageAndSerialUnlessForced() {
    State other = new State(State.FORMAT_VERSION, 9, "l-2", "t", Map.of());
    assertThrows(UserException.class, () -> StateSurgery.push(S, other, false));
    State forced = StateSurgery.push(S, other, true);
    assertEquals("l-1", forced.lineage());
    assertEquals(9, forced.serial());
    State older = new State(State.FORMAT_VERSION, 3, "l-1", "t", Map.of());
    assertThrows(UserException.class, () -> StateSurgery.push(S, older, false));
    assertEquals(8, StateSurgery.push(S, older, true).serial());
    assertNull(StateSurgery.push(S, S, false), "the same state: nothing to write");
    assertEquals(other, StateSurgery.push(null, other, false));
  }
}
