package io.fluxstrap.kube;

import io.fluxstrap.diag.UserException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The kubeconfig to use, merged the way kubectl merges the files of {@code KUBECONFIG}: the first
 * file to define a cluster, context or user by name wins, as does the first current-context.
 * Relative file references (certificates, keys, token files) are made absolute against the file
 * that holds them, so the merged text means what each file meant.
 */
record KubeconfigFile(List<Path> files, ObjectNode merged, List<String> contexts, String currentContext) {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final List<String> SECTIONS = List.of("clusters", "contexts", "users");
  private static final Map<String, List<String>> FILE_KEYS = Map.of(
      "clusters", List.of("cluster", "certificate-authority"),
      "users", List.of("user", "client-certificate", "client-key", "tokenFile"));

  KubeconfigFile {
    files = List.copyOf(files);
    contexts = List.copyOf(contexts);
  }

  /** The files a {@code null} kubeconfig means: the entries of {@code KUBECONFIG}, else {@code ~/.kube/config}. */
  static List<Path> defaultFiles(Map<String, String> env) {
    List<Path> entries = Arrays.stream(env.getOrDefault("KUBECONFIG", "").split(File.pathSeparator))
        .filter(s -> !s.isBlank()).map(Path::of).toList();
    if (!entries.isEmpty()) {
      List<Path> existing = entries.stream().filter(Files::isRegularFile).toList();
      return existing.isEmpty() ? List.of(entries.get(0)) : existing;
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return List.of(Path.of(home, ".kube", "config"));
  }

  static KubeconfigFile read(Path file) {
    return read(List.of(file));
  }

  static KubeconfigFile read(List<Path> files) {
    ObjectNode merged = YAML.createObjectNode();
    merged.put("apiVersion", "v1");
    merged.put("kind", "Config");
    Set<String> seen = new LinkedHashSet<>();
    String current = null;
    for (Path file : files) {
      JsonNode root = parse(file);
      for (String section : SECTIONS) {
        ArrayNode into = merged.has(section) ? (ArrayNode) merged.get(section) : merged.putArray(section);
        for (JsonNode entry : root.path(section)) {
          String name = entry.path("name").asString("");
          if (name.isEmpty() || !seen.add(section + "/" + name)) continue;
          into.add(absolutise(section, entry.deepCopy(), file));
        }
      }
      String cc = root.path("current-context").asString("");
      if (current == null && !cc.isEmpty()) current = cc;
    }
    if (current != null) merged.put("current-context", current);
    List<String> names = new ArrayList<>();
    merged.path("contexts").forEach(c -> names.add(c.path("name").asString("")));
    return new KubeconfigFile(files, merged, names, current);
  }

  private static JsonNode parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("kubeconfig " + file + " not found (name the file in the spec, set KUBECONFIG,"
          + " or use the sandbox)");
    }
    try {
      JsonNode root = YAML.readTree(Files.readString(file));
      return root == null ? YAML.createObjectNode() : root;
    } catch (IOException e) {
      throw new UserException("cannot read kubeconfig " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new UserException("kubeconfig " + file + " is not valid YAML (line " + e.getLocation().getLineNr() + ")");
    }
  }

  private static JsonNode absolutise(String section, JsonNode entry, Path file) {
    List<String> keys = FILE_KEYS.get(section);
    if (keys == null || !(entry.get(keys.get(0)) instanceof ObjectNode body)) return entry;
    Path dir = file.toAbsolutePath().getParent();
    for (String key : keys.subList(1, keys.size())) {
      String value = body.path(key).asString("");
      if (!value.isEmpty() && !Path.of(value).isAbsolute()) body.put(key, dir.resolve(value).normalize().toString());
    }
    return entry;
  }

  /** The merged text. */
  String yaml() {
    return YAML.writeValueAsString(merged);
  }

  /**
   * A kubeconfig holding only {@code context} (a name {@link #choose} returned) with its cluster
   * and user, current: what one cluster's client needs, small however many contexts the files hold.
   * Written as JSON, which is YAML too: fabric8 reads JSON without its YAML parser, and a fleet
   * makes one of these per cluster.
   */
  String yamlFor(String context) {
    ObjectNode one = YAML.createObjectNode();
    one.put("apiVersion", "v1");
    one.put("kind", "Config");
    JsonNode ctx = named(merged.path("contexts"), context);
    one.putArray("contexts").add(ctx.deepCopy());
    JsonNode cluster = named(merged.path("clusters"), ctx.path("context").path("cluster").asString(""));
    JsonNode user = named(merged.path("users"), ctx.path("context").path("user").asString(""));
    ArrayNode clusters = one.putArray("clusters");
    if (!cluster.isMissingNode()) clusters.add(cluster.deepCopy());
    ArrayNode users = one.putArray("users");
    if (!user.isMissingNode()) users.add(user.deepCopy());
    one.put("current-context", context);
    return one.toString();
  }

  private static JsonNode named(JsonNode entries, String name) {
    for (JsonNode e : entries) {
      if (name.equals(e.path("name").asString(""))) return e;
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  /** Where the files are, for messages. */
  String describe() {
    return files.size() == 1 ? files.get(0).toString() : String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
  }

  /** The context to use: {@code requested}, else the current one; a clear error when there is none. */
  String choose(String requested) {
    String available = contexts.isEmpty() ? "it has no contexts" : "its contexts are: " + String.join(", ", contexts);
    if (requested == null && currentContext == null) {
      throw new UserException("kubeconfig " + describe() + " has no current-context; name a context in the spec ("
          + available + ")");
    }
    String context = requested == null ? currentContext : requested;
    if (!contexts.contains(context)) {
      throw new UserException("context '" + context + "' not found in kubeconfig " + describe() + "; " + available);
    }
    return context;
  }
}
