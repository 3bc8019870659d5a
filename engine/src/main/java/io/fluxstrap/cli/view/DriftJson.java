package io.fluxstrap.cli.view;

import io.fluxstrap.drift.Check;
import io.fluxstrap.drift.DriftReport;
import io.fluxstrap.drift.Unit;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code drift --json}: the document schemas/drift.schema.json describes. Never holds a secret. */
public final class DriftJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private DriftJson() {}

  public static String render(DriftReport r) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("formatVersion", DriftReport.FORMAT_VERSION);
    root.put("spec", r.specName());
    root.put("specFile", r.specFile());
    ObjectNode state = root.putObject("state");
    state.put("file", r.stateFile());
    state.put("lineage", r.stateLineage());
    state.put("serial", r.stateSerial());
    ObjectNode summary = root.putObject("summary");
    summary.put("text", r.summary());
    summary.put("exitCode", r.exitCode());
    summary.put("checks", r.checks());
    for (Check.Result result : Check.Result.values()) summary.put(key(result), r.count(result));
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode units = root.putArray("units");
    ArrayNode findings = root.putArray("findings");
    for (Unit u : r.units()) {
      ObjectNode unit = units.addObject();
      unit.put("address", u.address());
      unit.put("kind", u.kind().label());
      unit.put("name", u.name());
      ArrayNode checks = unit.putArray("checks");
      for (Check c : u.checks()) {
        ObjectNode check = checks.addObject();
        check.put("id", c.id());
        check.put("address", c.address());
        if (c.subject() != null) check.put("subject", c.subject());
        check.put("result", c.result().label());
        check.put("message", c.message());
        if (c.isFinding()) findings.add(finding(u, c));
      }
    }
    return MAPPER.writeValueAsString(root) + "\n";
  }

  private static ObjectNode finding(Unit u, Check c) {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("unit", u.address());
    f.put("address", c.address());
    f.put("check", c.id());
    if (c.subject() != null) f.put("subject", c.subject());
    f.put("severity", c.result().label());
    f.put("message", c.message());
    f.put("expected", c.expected());
    f.put("found", c.found());
    f.put("fix", c.fix());
    f.put("hint", c.hint());
    return f;
  }

  private static String key(Check.Result r) {
    return switch (r) {
      case PASS -> "passed";
      case NOTE -> "notes";
      case WARNING -> "warnings";
      case DRIFT -> "drift";
      case ERROR -> "errors";
    };
  }
}
