package io.fluxstrap.kube;

import io.fluxstrap.diag.UserException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** A kubeconfig file's context names and current context, read only to choose and to explain. */
record KubeconfigFile(Path file, List<String> contexts, String currentContext) {
  KubeconfigFile {
    contexts = List.copyOf(contexts);
  }

  /**
   * The file a {@code null} kubeconfig means: the first existing entry of {@code KUBECONFIG} (or its
   * first entry when none exists), else {@code ~/.kube/config}.
   */
  static Path defaultFile(Map<String, String> env) {
    String list = env.getOrDefault("KUBECONFIG", "");
    List<Path> entries = Arrays.stream(list.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
        .toList();
    if (!entries.isEmpty()) {
      return entries.stream().filter(Files::isRegularFile).findFirst().orElse(entries.get(0));
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".kube", "config");
  }

  static KubeconfigFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("kubeconfig " + file + " not found (name the file in the spec, set KUBECONFIG,"
          + " or use the sandbox)");
    }
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UserException("cannot read kubeconfig " + file + ": " + e.getMessage());
    } catch (JacksonException e) {
      throw new UserException("kubeconfig " + file + " is not valid YAML (line " + e.getLocation().getLineNr()
          + ")");
    }
    List<String> names = new ArrayList<>();
    root.path("contexts").forEach(c -> names.add(c.path("name").asString("")));
    String current = root.path("current-context").asString("");
    return new KubeconfigFile(file, names, current.isEmpty() ? null : current);
  }

  /** The context to use: {@code requested}, else the current one; a clear error when there is none. */
  String choose(String requested) {
    String available = contexts.isEmpty() ? "it has no contexts" : "its contexts are: " + String.join(", ", contexts);
    if (requested == null && currentContext == null) {
      throw new UserException("kubeconfig " + file + " has no current-context; name a context in the spec ("
          + available + ")");
    }
    String context = requested == null ? currentContext : requested;
    if (!contexts.contains(context)) {
      throw new UserException("context '" + context + "' not found in kubeconfig " + file + "; " + available);
    }
    return context;
  }
}
