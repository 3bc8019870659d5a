package io.fluxstrap.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTripsAndSortsKeys() {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("z", "1");
    attrs.put("a", "2");
    State s = State.empty("w").with("b.res", new ResourceState("t", attrs)).with("a.res", new ResourceState("u", Map.of()));
    byte[] bytes = StateCodec.encode(s);
    assertEquals(s, StateCodec.decode(bytes, "state file x"));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.indexOf("\"a.res\"") < text.indexOf("\"b.res\""), text);
    assertTrue(text.indexOf("\"a\" : \"2\"") < text.indexOf("\"z\" : \"1\""), text);
    assertArrayEquals(bytes, StateCodec.encode(StateCodec.decode(bytes, "x")), "encoding is stable");
  }

  @Test
  void newerFormatNamesTheFile() {
    UserException e = assertThrows(UserException.class,
        () -> StateCodec.decode(json("{\"version\": 7, \"serial\": 1, \"lineage\": \"l\"}"), "state file state/q.state.json"));
    assertEquals("state file state/q.state.json was written by a newer fluxstrap (format 7); upgrade fluxstrap", e.getMessage());
  }

  @Test
  void malformedInputNamesTheFile() {
    for (String bad : new String[] {"", "not json", "[]", "{\"serial\": 1, \"lineage\": \"l\"}",
        "{\"version\": 1, \"lineage\": \"l\"}", "{\"version\": 1, \"serial\": 1}",
        "{\"version\": 1, \"serial\": 1, \"lineage\": \"l\", \"resources\": {\"r\": {}}}",
        "{\"version\": 1, \"serial\": 1, \"lineage\": \"l\", \"resources\": {\"r\": {\"type\": \"t\", \"attributes\": {\"k\": 1}}}}"}) {
      UserException e = assertThrows(UserException.class, () -> StateCodec.decode(json(bad), "state file f.json"), bad);
      assertTrue(e.getMessage().startsWith("state file f.json is malformed: "), e.getMessage());
    }
  }

  @Test
  void successorMustShareLineageAndGrowSerial() {
    State s = State.empty("w").with("a", new ResourceState("t", Map.of()));
    StateCodec.checkSuccessor(null, s, "x");
    StateCodec.checkSuccessor(s, s.with("b", new ResourceState("t", Map.of())), "x");
    assertThrows(UserException.class, () -> StateCodec.checkSuccessor(s, s, "x"));
    assertThrows(UserException.class, () -> StateCodec.checkSuccessor(s, State.empty("w").with("a", null).with("b", null), "x"));
  }

  @Test
  void lockRoundTrips() {
    LockInfo lock = new LockInfo("id-1", "me@host", "apply", Instant.parse("2026-11-02T10:00:00Z"));
    assertEquals(lock, StateCodec.decodeLock(StateCodec.encodeLock(lock), "lock"));
    assertThrows(UserException.class, () -> StateCodec.decodeLock(json("{\"id\": \"x\"}"), "lock"));
  }
}
