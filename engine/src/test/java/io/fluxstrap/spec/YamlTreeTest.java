package io.fluxstrap.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.Diagnostics;
import io.fluxstrap.diag.SourceRange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Positions must be exact: every diagnostic's line:column comes from here. */
class YamlTreeTest {
  static final Path FILE = Path.of("t.yaml");

  static YamlTree.Parsed parse(String text, Diagnostics diagnostics) {
    return YamlTree.parse(FILE, text, diagnostics).orElseThrow();
  }

  static SourceRange at(int line, int column) {
    return new SourceRange(FILE, line, column);
  }

  @Test
  void mapsKeysAndValuesToTheirLineAndColumn() {
    String text =
        """
        # a comment
        top:
          key: value
          "quoted/key~": 1
          list:
            - a
            - {x: y}
          flow: [p, q]
          block: |
            text
        """;
    Diagnostics d = new Diagnostics();
    SourceMap map = parse(text, d).positions();
    assertTrue(d.isEmpty());
    assertEquals(at(2, 1), map.key("/top"));
    assertEquals(at(3, 3), map.key("/top/key"));
    assertEquals(at(3, 8), map.value("/top/key"));
    assertEquals(at(4, 3), map.key("/top/quoted~1key~0"));
    assertEquals(at(4, 18), map.value("/top/quoted~1key~0"));
    assertEquals(at(6, 7), map.value("/top/list/0"));
    assertEquals(at(7, 7), map.value("/top/list/1"));
    assertEquals(at(7, 8), map.key("/top/list/1/x"));
    assertEquals(at(7, 11), map.value("/top/list/1/x"));
    assertEquals(at(8, 13), map.value("/top/flow/1"));
    assertEquals(at(9, 10), map.value("/top/block"));
    assertEquals(at(1, 1), map.key(""));
    // Something the file does not have points at its nearest ancestor that it does.
    assertEquals(at(3, 8), map.value("/top/key/missing"));
  }

  @Test
  void keepsYamlCoreTypesSoThatWrongTypesCanBeNamed() {
    JsonNode root =
        parse("s: text\nyes_: yes\nb: true\nn: 12\nhex: 0x1F\nf: 1.5\nnul: ~\ne:\nq: \"12\"\nd: 2027-03-01\nv: v2.7.5\n", new Diagnostics())
            .root();
    assertTrue(root.get("s").isString());
    assertTrue(root.get("yes_").isString(), "YAML 1.2: yes is a string");
    assertTrue(root.get("b").isBoolean());
    assertEquals(12, root.get("n").asInt());
    assertEquals(31, root.get("hex").asInt());
    assertTrue(root.get("f").isNumber());
    assertTrue(root.get("nul").isNull());
    assertTrue(root.get("e").isNull());
    assertTrue(root.get("q").isString());
    assertTrue(root.get("d").isString(), "YAML 1.2 has no timestamps");
    assertEquals("v2.7.5", root.get("v").asString());
  }

  @Test
  void reportsADuplicateKeyAtItsSecondOccurrenceAndKeepsTheFirst() {
    Diagnostics d = new Diagnostics();
    JsonNode root = parse("a:\n  b: 1\n  c: 2\n  b: 3\n", d).root();
    assertEquals(1, root.at("/a/b").asInt());
    assertEquals(List.of(Diagnostic.error(at(4, 3), "duplicate key 'b' (first defined on line 2)")), d.sorted());
  }

  @Test
  void reportsNonScalarKeys() {
    Diagnostics d = new Diagnostics();
    parse("a: 1\n? [x, y]\n: 2\n", d);
    assertEquals(List.of(Diagnostic.error(at(2, 3), "a key must be a plain value, not a list or mapping")), d.sorted());
  }

  @Test
  void followsAliasesButNotIntoThemselves() {
    Diagnostics d = new Diagnostics();
    JsonNode root = parse("base: &b {x: 1}\ncopy: *b\n", d).root();
    assertTrue(d.isEmpty());
    assertEquals(1, root.at("/copy/x").asInt());

    Diagnostics loop = new Diagnostics();
    YamlTree.parse(FILE, "a: &x [1, *x]\n", loop);
    assertEquals(1, loop.sorted().size());
    assertEquals("an alias refers to a node that contains it", loop.sorted().get(0).summary());
  }

  @Test
  void reportsSyntaxErrorsWhereTheParserFoundThem() {
    Diagnostics d = new Diagnostics();
    assertTrue(YamlTree.parse(FILE, "a:\n  b: 1\n c: [1, 2\n", d).isEmpty());
    Diagnostic only = d.sorted().get(0);
    assertEquals(1, d.sorted().size());
    assertTrue(only.summary().startsWith("invalid YAML: "), only.summary());
    assertEquals(FILE, only.range().file());
    assertTrue(only.range().line() >= 3, only.render());
  }

  @Test
  void refusesDocumentsThatAreNotAMapping() {
    for (String text : List.of("", "   \n", "# c\n", "just text\n", "- a\n", "42\n")) {
      Diagnostics d = new Diagnostics();
      assertTrue(YamlTree.parse(FILE, text, d).isEmpty(), text);
      assertEquals(at(1, 1), d.sorted().get(0).range(), text);
    }
  }
}
