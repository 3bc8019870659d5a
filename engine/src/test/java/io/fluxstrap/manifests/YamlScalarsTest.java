package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class YamlScalarsTest {
  /** What Flux writes unquoted must stay unquoted, or our files differ from Flux's. */
  @Test
  void everydayValuesArePlain() {
    for (String s : List.of("flux-system", "main", "1m0s", "10m0s", "./clusters/my-cluster", "./",
        "https://dev.azure.com/org/project/_git/repo", "ssh://git@ssh.dev.azure.com/v3/org/project/repo",
        "v2.7.5", "release/1.0", "--log-level=info", "-x", "app.kubernetes.io/component", "GitRepository is a thing",
        ".status.conditions[?(@.type==\"Ready\")].status", "x-kubernetes-preserve-unknown-fields")) {
      assertTrue(YamlScalars.isPlainSafe(s), s);
    }
  }

  /** YAML 1.1 readers (Go's, so Kubernetes') would turn these into booleans, numbers, nulls or dates. */
  @Test
  void valuesThatReadAsAnotherTypeAreQuoted() {
    for (String s : List.of("", "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "~", "1", "1.0", "-1",
        "+1", ".5", "1e3", "0x1F", "0o17", "0b101", "012", "1_000", "1:20", "190:20:30", ".inf", "-.Inf", ".NaN",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<", "...", "---")) {
      assertFalse(YamlScalars.isPlainSafe(s), s);
    }
  }

  @Test
  void valuesThatChangeYamlStructureAreQuoted() {
    for (String s : List.of("a: b", "a #b", "#a", "-", "- a", "--- a", "key:", "*ref", "&anchor", "!tag", "|", ">", "'a",
        "\"a", "%x", "@x", "`x", "{a}", "[a]", ",a", "?a", " lead", "trail ", "tab\there", "line\nbreak", "\u2028")) {
      assertFalse(YamlScalars.isPlainSafe(s), s);
    }
  }

  @Test
  void quotedValuesReadBackUnchanged() {
    for (String s : List.of("yes", "1.0", "a: b", "quote\"and\\backslash", "tab\there", "nl\nx", "bell\u0007",
        "\u2028sep", "ünïcödé", "")) {
      JsonNode back = ManifestObjects.YAML.readTree("v: " + YamlScalars.scalar(s) + "\n");
      assertTrue(back.get("v").isString(), s);
      assertEquals(s, back.get("v").asString());
    }
  }
}
