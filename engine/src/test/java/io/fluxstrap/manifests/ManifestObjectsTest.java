package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestObjectsTest {
  @Test
  void splitsDocumentsAndKeepsTheirText() {
    String yaml = """
        # a comment-only preamble is not an object
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: flux-system   # odd spacing and comments survive
          labels:
            app.kubernetes.io/instance: flux-system
        ---
        ---   # an empty document
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          labels: {app.kubernetes.io/component: source-controller}
          name: source-controller
          namespace: flux-system
        ...
        """;
    List<ManifestObject> objects = ManifestObjects.split(yaml, "test.yaml");
    assertEquals(2, objects.size());
    ManifestObject ns = objects.get(0);
    assertEquals("v1/Namespace//flux-system", ns.key());
    assertNull(ns.namespace());
    assertNull(ns.component());
    assertEquals(3, ns.line());
    assertEquals("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: flux-system   # odd spacing and comments survive
          labels:
            app.kubernetes.io/instance: flux-system
        """, ns.text());
    ManifestObject sa = objects.get(1);
    assertEquals("source-controller", sa.component());
    assertEquals("flux-system", sa.namespace());
    assertEquals(11, sa.line());
    assertEquals("source-controller", sa.tree().path("metadata").path("name").asString());
  }

  @Test
  void keepsWindowsLineEndingsAndAMissingFinalNewline() {
    List<ManifestObject> objects =
        ManifestObjects.split("---\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}", "crlf");
    assertEquals(2, objects.size());
    assertEquals("apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\r\n", objects.get(0).text());
    assertEquals("b", objects.get(1).name());
    assertTrue(objects.get(1).text().endsWith("{name: b}\n"));
  }

  @Test
  void namesTheLineOfABadDocument() {
    UserException e = assertThrows(UserException.class,
        () -> ManifestObjects.split("apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\nkey: [unclosed\n", "bundle.yaml"));
    assertTrue(e.getMessage().startsWith("bundle.yaml:5: document is not valid YAML"), e.getMessage());
    UserException noKind = assertThrows(UserException.class,
        () -> ManifestObjects.split("---\napiVersion: v1\nmetadata: {name: a}\n", "b.yaml"));
    assertTrue(noKind.getMessage().contains("b.yaml:2: document lacks apiVersion, kind or metadata.name"), noKind.getMessage());
    assertThrows(UserException.class, () -> ManifestObjects.split("- a list\n", "c.yaml"));
  }
}
