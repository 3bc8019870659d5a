package io.fluxstrap.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Validates JSON documents against a schema of schemas/ (the files users read). */
public final class PlanSchema {
  private PlanSchema() {}

  /** The validation errors of {@code json} against {@code schemas/<name>}; empty when valid. */
  public static List<String> errors(String name, String json) {
    try {
      Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(JsonMapper.shared().readTree(Files.readString(Path.of("schemas", name))));
      List<Error> errors = schema.validate(JsonMapper.shared().readTree(json));
      return errors.stream().map(Error::toString).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
