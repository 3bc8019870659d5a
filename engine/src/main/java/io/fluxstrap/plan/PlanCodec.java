package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans as JSON: the saved plan file ({@code -out}), {@code plan --json} and {@code show --json}
 * are one document, described by schemas/plan.schema.json. It never holds a secret.
 */
public final class PlanCodec {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private PlanCodec() {}

  public static String encode(Plan plan) {
    return MAPPER.writeValueAsString(plan) + "\n";
  }

  public static Plan decode(Path file, byte[] bytes) {
    try {
      Plan plan = MAPPER.readValue(new String(bytes, StandardCharsets.UTF_8), Plan.class);
      if (plan.formatVersion() > Plan.FORMAT_VERSION) {
        throw new UserException(file + ": plan format " + plan.formatVersion() + " is newer than this fluxstrap understands; upgrade fluxstrap");
      }
      if (plan.steps() == null || plan.specText() == null || plan.stateLineage() == null) {
        throw new UserException(file + ": not a fluxstrap plan file");
      }
      return plan;
    } catch (JacksonException e) {
      throw new UserException(file + ": not a fluxstrap plan file (" + e.getOriginalMessage() + ")");
    }
  }
}
