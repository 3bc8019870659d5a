package io.fluxstrap.spec;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.Diagnostics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spec's JSON schema ({@code /schemas/spec.schema.json}), compiled once per process. Checks
 * structure, types and value formats; everything that needs more than one value (references,
 * duplicates, files on disk) is the {@link SpecReader}'s job.
 */
final class SpecSchema {
  static final String RESOURCE = "/schemas/spec.schema.json";

  private static final class Holder {
    static final SpecSchema INSTANCE = new SpecSchema();
  }

  private final JsonNode document;
  private final Schema schema;

  private SpecSchema() {
    try (InputStream in = SpecSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      document = JsonMapper.shared().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Formats such as "date" are documentation here; the reader parses dates itself so that the
    // message and position are ours.
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false).build();
    schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config))
            .getSchema(document);
  }

  static SpecSchema get() {
    return Holder.INSTANCE;
  }

  JsonNode document() {
    return document;
  }

  /**
   * Validates {@code root}, adds one diagnostic per problem and returns the JSON pointers of the
   * values found invalid, so that semantic checks do not report them a second time.
   */
  Set<String> validate(JsonNode root, SourceMap positions, Diagnostics diagnostics) {
    List<Error> errors = schema.validate(root);
    Set<String> typeErrors = new HashSet<>();
    for (Error e : errors) {
      if (e.getKeyword().equals("type")) typeErrors.add(e.getInstanceLocation().toString());
    }
    SchemaMessages messages = new SchemaMessages(document, root, positions);
    // "unknown key 'repostory' (did you mean 'repository'?)" already tells the user what
    // "missing required key 'repository'" would: keys a misspelling probably meant, by mapping.
    Map<String, Set<String>> meant = new HashMap<>();
    for (Error e : errors) {
      if (e.getKeyword().equals("additionalProperties")) {
        messages.suggestion(e).ifPresent(k -> meant.computeIfAbsent(e.getInstanceLocation().toString(), x -> new HashSet<>()).add(k));
      }
    }
    Set<String> invalid = new LinkedHashSet<>();
    Set<String> reported = new HashSet<>();
    for (Error e : errors) {
      String at = e.getInstanceLocation().toString();
      // A value of the wrong type fails its enum and pattern too; saying so adds nothing.
      if (typeErrors.contains(at) && !e.getKeyword().equals("type")) continue;
      Set<String> misspelt = meant.getOrDefault(at, Set.of());
      Diagnostic diagnostic;
      String anyOf = combinator(e.getSchemaLocation().getFragment(), "anyOf");
      if (anyOf != null) {
        // The validator reports a failed anyOf only through its branches' errors: one message
        // for the lot.
        if (!Collections.disjoint(misspelt, SchemaMessages.alternatives(document.at(anyOf)))) continue;
        diagnostic = messages.anyOf(at, document.at(anyOf));
      } else if (e.getKeyword().equals("required") && misspelt.contains(e.getProperty())) {
        invalid.add(at);
        continue;
      } else if (e.getKeyword().equals("oneOf") && noneOf(root.at(at), SchemaMessages.alternatives(e.getSchemaNode()))
          && !Collections.disjoint(misspelt, SchemaMessages.alternatives(e.getSchemaNode()))) {
        invalid.add(at);
        continue;
      } else if (combinator(e.getEvaluationPath(), "oneOf") != null || combinator(e.getEvaluationPath(), "not") != null) {
        continue; // why a branch failed: the oneOf / not error itself says it in words
      } else {
        diagnostic = messages.translate(e);
      }
      if (reported.add(diagnostic.render())) diagnostics.add(diagnostic);
      invalid.add(at);
    }
    return invalid;
  }

  private static boolean noneOf(JsonNode object, List<String> keys) {
    return keys.stream().noneMatch(object::has);
  }

  /**
   * The path up to the first {@code keyword} that has more after it (i.e. the error comes from
   * inside one of its branches), or null.
   */
  private static String combinator(NodePath path, String keyword) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < path.getNameCount() - 1; i++) {
      prefix.append('/').append(path.getName(i));
      if (path.getName(i).equals(keyword)) return prefix.toString();
    }
    return null;
  }
}
