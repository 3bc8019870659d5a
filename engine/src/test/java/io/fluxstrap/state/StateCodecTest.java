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
  void streamedEncodingIsTheFormatStateFilesHaveAlwaysHad() {
    // the layout written before encoding was streamed: a Jackson tree, default pretty printer, newline
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("uid", "8f0c\u00e9\"quoted\"\n");
    attrs.put("file:clusters/a/flux-system/gotk-sync.yaml", "sha256:00");
    State s = State.empty("me@host").with("cluster.a", new ResourceState("cluster", attrs))
        .with("cluster.a.components", new ResourceState("components", Map.of()));
    tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder()
        .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build();
    tools.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
    root.put("version", s.version()).put("serial", s.serial()).put("lineage", s.lineage()).put("writer", s.writer());
    tools.jackson.databind.node.ObjectNode resources = root.putObject("resources");
    s.resources().forEach((address, r) -> {
      tools.jackson.databind.node.ObjectNode o = resources.putObject(address);
      o.put("type", r.type());
      r.attributes().forEach(o.putObject("attributes")::put);
    });
    assertEquals(mapper.writeValueAsString(root) + "\n", new String(StateCodec.encode(s), StandardCharsets.UTF_8));
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

  /**
   * What the writer accepts, the reader reads: an address and an attribute name of exactly the
   * largest size (in multi-byte characters, as the parser counts bytes), and the longest value.
   */
  @Test
  void theLargestValuesTheWriterAcceptsReadBack() {
    String address = "cluster.x.path." + "\u00e9".repeat((StateCodec.MAX_NAME_BYTES - 15) / 2) + "x".repeat((StateCodec.MAX_NAME_BYTES - 15) % 2);
    assertEquals(StateCodec.MAX_NAME_BYTES, address.getBytes(StandardCharsets.UTF_8).length);
    String name = "n".repeat(StateCodec.MAX_NAME_BYTES);
    String value = "\u00e9".repeat(StateCodec.MAX_VALUE_LENGTH);
    State big = State.empty("w").with(address, new ResourceState("t", Map.of(name, value, "k", "v")));
    byte[] bytes = StateCodec.encode(big);
    assertEquals(big, StateCodec.decode(bytes, "state file x"));
    // ...and the 60,000-character path that once locked a user out is far within the limits.
    State path = State.empty("w").with("repository.fleet.file." + "p".repeat(60_000), new ResourceState("t", Map.of("path", "p".repeat(60_000))));
    assertEquals(path, StateCodec.decode(StateCodec.encode(path), "state file x"));
  }

  @Test
  void theWriterRefusesWhatCouldNotBeReadBack() {
    String tooLong = "a".repeat(StateCodec.MAX_NAME_BYTES + 1);
    UserException name = assertThrows(UserException.class,
        () -> StateCodec.encode(State.empty("w").with(tooLong, new ResourceState("t", Map.of()))));
    assertTrue(name.getMessage().startsWith("refusing to record state: a resource address of 1048577 bytes ('aaaa"), name.getMessage());
    assertTrue(name.getMessage().length() < 300, "the message quotes the address cut short");
    UserException value = assertThrows(UserException.class, () -> StateCodec.encode(
        State.empty("w").with("r", new ResourceState("t", Map.of("k", "v".repeat(StateCodec.MAX_VALUE_LENGTH + 1))))));
    assertEquals("refusing to record state: the attribute k of r is 8388609 characters long, more than state can hold (8388608)", value.getMessage());
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
