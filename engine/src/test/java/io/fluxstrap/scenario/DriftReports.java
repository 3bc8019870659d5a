package io.fluxstrap.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fluxstrap.testing.PlanSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads drift reports back the way their consumers do: JSON against its schema, JUnit XML with the JDK's DOM parser. */
final class DriftReports {
  private DriftReports() {}

  /** The findings of a {@code drift --json} document, validated against schemas/drift.schema.json first. */
  static JsonNode json(String out) {
    assertEquals(List.of(), PlanSchema.errors("drift.schema.json", out), out);
    return JsonMapper.shared().readTree(out);
  }

  /** {@code check@address} of every finding with the given severity. */
  static List<String> findings(JsonNode doc, String severity) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : doc.path("findings")) {
      if (f.path("severity").asString().equals(severity)) out.add(f.path("check").asString() + "@" + f.path("address").asString());
    }
    return out;
  }

  static JsonNode finding(JsonNode doc, String check) {
    for (JsonNode f : doc.path("findings")) if (f.path("check").asString().equals(check)) return f;
    throw new AssertionError("no finding " + check + " in " + doc.path("findings"));
  }

  /** JUnit XML: per suite name, {tests, failures, errors} as attributes say and as elements count. */
  record Junit(Map<String, int[]> suites, int testcases, int failureElements, int errorElements, int tests, int failures, int errors) {}

  static Junit junit(Path file) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
      Element root = doc.getDocumentElement();
      assertEquals("testsuites", root.getTagName());
      Map<String, int[]> suites = new TreeMap<>();
      NodeList list = root.getElementsByTagName("testsuite");
      for (int i = 0; i < list.getLength(); i++) {
        Element s = (Element) list.item(i);
        suites.put(s.getAttribute("name"), new int[] {Integer.parseInt(s.getAttribute("tests")),
            Integer.parseInt(s.getAttribute("failures")), Integer.parseInt(s.getAttribute("errors"))});
        assertEquals(Integer.parseInt(s.getAttribute("tests")), s.getElementsByTagName("testcase").getLength(), "tests attribute of " + s.getAttribute("name"));
      }
      return new Junit(suites, root.getElementsByTagName("testcase").getLength(), root.getElementsByTagName("failure").getLength(),
          root.getElementsByTagName("error").getLength(), Integer.parseInt(root.getAttribute("tests")),
          Integer.parseInt(root.getAttribute("failures")), Integer.parseInt(root.getAttribute("errors")));
    } catch (Exception e) {
      throw new AssertionError("JUnit XML does not parse: " + file, e);
    }
  }

  /** Path -> sha256 of every file under {@code dir} (empty when it does not exist). */
  static Map<String, String> hashes(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) return out;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
