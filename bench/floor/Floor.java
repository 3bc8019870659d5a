import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The floor of the chosen stack (bench/startup.sh, not shipped): the least a JVM must do for
 * fluxstrap's most frequent commands, run on the shipped jar's class path with the launcher's flags.
 *
 *   bare      nothing at all
 *   yaml      read the spec with Jackson's YAML mapper into a JsonNode
 *   schema    yaml + load and compile the spec schema with networknt (as fluxstrap does) and validate
 *   state     schema + read the recorded state (JSON) with Jackson: what plan --refresh=false adds
 *   render    state + what that plan cannot skip to say "no changes": read the components bundle
 *             (each of its YAML documents with Jackson, to pick the components) and hash it and
 *             the secret (SHA-256), to compare with the hashes state recorded
 *
 * Usage: java -cp fluxstrap.jar:floor.jar Floor MODE SPEC [STATE [BUNDLE]]. Prints one line, so
 * that the work cannot be optimised away and a broken run shows.
 */
public final class Floor {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    if (mode.equals("bare")) return;
    JsonNode spec = YAMLMapper.shared().readTree(Path.of(args[1]));
    int found = spec.size();
    if (!mode.equals("yaml")) {
      JsonNode document;
      try (InputStream in = Floor.class.getResourceAsStream("/schemas/spec.schema.json")) {
        document = JsonMapper.shared().readTree(in);
      }
      SchemaRegistryConfig config =
          SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).formatAssertionsEnabled(false).build();
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config)).getSchema(document);
      List<Error> errors = schema.validate(spec);
      if (!errors.isEmpty()) throw new IllegalStateException("invalid spec: " + errors);
      found += document.size();
    }
    if (mode.equals("state") || mode.equals("render")) {
      found += JsonMapper.shared().readTree(Path.of(args[2])).size();
    }
    if (mode.equals("render")) {
      String bundle = Files.readString(Path.of(args[3]));
      for (String document : bundle.split("(?m)^---\\s*$")) {
        if (!document.isBlank()) found += YAMLMapper.shared().readTree(document).path("kind").asString().length();
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      found += sha.digest(bundle.getBytes(StandardCharsets.UTF_8)).length;
      found += sha.digest(System.getenv().getOrDefault("GIT_PASSWORD", "").getBytes(StandardCharsets.UTF_8)).length;
    }
    System.out.println(mode + ": " + found);
  }
}
