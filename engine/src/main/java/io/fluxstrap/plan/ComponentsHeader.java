package io.fluxstrap.plan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the header of a gotk-components.yaml says ({@code # Flux Version: v2.7.5},
 * {@code # Components: source-controller,...}), as Flux and fluxstrap both write it. Lets import
 * record which Flux a repository holds without knowing the release bundle it came from.
 */
public record ComponentsHeader(String version, List<String> components) {
  private static final String VERSION_LINE = "# Flux Version: ";
  private static final String COMPONENTS_LINE = "# Components: ";
  /** The header sits in the first lines; reading further would scan the whole (large) file. */
  private static final int HEADER_LINES = 6;

  public ComponentsHeader {
    components = List.copyOf(components);
  }

  /** The header of {@code content}, or empty when it has no version line. */
  public static Optional<ComponentsHeader> parse(byte[] content) {
    String head = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
    String version = null;
    List<String> components = List.of();
    List<String> lines = head.lines().limit(HEADER_LINES).toList();
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith(VERSION_LINE)) version = l.substring(VERSION_LINE.length()).strip();
      if (l.startsWith(COMPONENTS_LINE)) {
        components = Arrays.stream(l.substring(COMPONENTS_LINE.length()).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      }
    }
    return version == null || version.isEmpty() ? Optional.empty() : Optional.of(new ComponentsHeader(version, components));
  }
}
