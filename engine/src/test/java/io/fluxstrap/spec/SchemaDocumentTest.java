package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fluxstrap.spec.GitAuth.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The published schema is itself valid, documented, and agrees with the loader's defaults. */
class SchemaDocumentTest {
  private final JsonNode schema = SpecSchema.get().document();

  @Test
  void isAValidDraft202012Schema() {
    var meta =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    List<Error> errors = meta.validate(schema);
    assertEquals(List.of(), errors);
    // ...and the meta-schema check is real: a broken copy fails it.
    var broken = schema.deepCopy();
    ((tools.jackson.databind.node.ObjectNode) broken.at("/$defs/name")).put("type", "strng");
    assertTrue(!meta.validate(broken).isEmpty());
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asString());
  }

  @Test
  void everyPropertyHasADescriptionAndEveryPatternSaysWhatItExpects() {
    List<String> missing = new ArrayList<>();
    walk(schema, "", missing);
    assertEquals(List.of(), missing);
  }

  private static void walk(JsonNode node, String at, List<String> missing) {
    if (node.isObject()) {
      if (node.has("properties")) {
        for (var p : node.get("properties").properties()) {
          if (!p.getValue().path("description").isString()) missing.add(at + "/properties/" + p.getKey() + ": description");
        }
      }
      if (node.has("pattern") && !node.path("x-expected").isString()) missing.add(at + ": x-expected");
      for (var p : node.properties()) walk(p.getValue(), at + "/" + p.getKey(), missing);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(node.get(i), at + "/" + i, missing);
    }
  }

  /**
   * Every string in a spec is bounded and free of control characters, so that no value the
   * schema accepts can break a state file, a Git path or a terminal later: a maxLength (or an
   * enum), and a pattern that refuses NUL and ESC (or an enum).
   */
  @Test
  void everyStringIsBoundedAndRefusesControlCharacters() {
    List<String> unbounded = new ArrayList<>();
    strings(schema, "", unbounded);
    assertEquals(List.of(), unbounded);
  }

  private static void strings(JsonNode node, String at, List<String> unbounded) {
    if (node.isObject()) {
      JsonNode type = node.path("type");
      boolean string = type.isString() ? type.asString().equals("string") : type.isArray() && type.toString().contains("\"string\"");
      boolean enumerated = node.has("enum") || node.at("/then/enum").isArray();
      if (string && !enumerated) {
        if (!node.path("maxLength").isInt()) unbounded.add(at + ": maxLength");
        String pattern = node.path("pattern").asString("");
        var regex = java.util.regex.Pattern.compile(pattern);
        if (pattern.isEmpty() || regex.matcher("a\u0000b").find() || regex.matcher("a\u001bb").find()) {
          unbounded.add(at + ": a pattern refusing control characters");
        }
      }
      for (var p : node.properties()) {
        if (!p.getKey().equals("if")) strings(p.getValue(), at + "/" + p.getKey(), unbounded); // a condition, not a value
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) strings(node.get(i), at + "/" + i, unbounded);
    }
  }

  @Test
  void documentedDefaultsAreTheLoadersDefaults() {
    JsonNode flux = schema.at("/$defs/flux/properties");
    assertEquals(FluxReader.DEFAULT_VERSION, flux.at("/version/default").asString());
    assertEquals(FluxSpec.DEFAULT_COMPONENTS, strings(flux.at("/components/default")));
    assertEquals(FluxSpec.DEFAULT_NAMESPACE, flux.at("/namespace/default").asString());
    assertEquals(FluxSpec.DEFAULT_SECRET_NAME, flux.at("/secretName/default").asString());
    assertEquals(FluxSpec.DEFAULT_INTERVAL, flux.at("/interval/default").asString());
    List<String> allowed = new ArrayList<>(FluxSpec.DEFAULT_COMPONENTS);
    allowed.addAll(FluxSpec.EXTRA_COMPONENTS);
    assertEquals(allowed, strings(flux.at("/components/items/enum")));
    assertEquals(FluxSpec.EXTRA_COMPONENTS, strings(flux.at("/componentsExtra/items/enum")));
    JsonNode repo = schema.at("/$defs/repository/properties");
    assertEquals(Author.DEFAULT.name(), repo.at("/author/properties/name/default").asString());
    assertEquals(Token.DEFAULT_ENV, repo.at("/auth/properties/token/properties/env/default").asString());
    assertEquals(Token.DEFAULT_USERNAME, repo.at("/auth/properties/token/properties/username/default").asString());
    assertEquals(GitAuth.SshKey.DEFAULT_PASSPHRASE_ENV, repo.at("/auth/properties/sshKey/properties/passphraseEnv/default").asString());
    JsonNode key = schema.at("/$defs/cluster/properties/sync/properties/auth/else/properties/ssh/properties/key/properties");
    assertEquals(KeySpec.DEFAULT.algorithm().key(), key.at("/algorithm/default").asString());
    assertEquals(KeySpec.DEFAULT.rsaBits(), key.at("/rsaBits/default").asInt());
    assertEquals(KeySpec.DEFAULT.ecdsaCurve(), key.at("/ecdsaCurve/default").asString());
    List<String> algorithms = new ArrayList<>();
    for (KeySpec.Algorithm a : KeySpec.Algorithm.values()) algorithms.add(a.key());
    assertEquals(algorithms, strings(key.at("/algorithm/enum")));
    assertEquals(
        HealthSpec.DEFAULT.timeout(), GoDurations.parse(schema.at("/$defs/cluster/properties/health/properties/timeout/default").asString()).orElseThrow());
    assertTrue(schema.at("/$defs/cluster/properties/health/properties/wait/default").asBoolean());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
