package io.fluxstrap.cli.view;

import io.fluxstrap.drift.Check;
import io.fluxstrap.drift.DriftReport;
import io.fluxstrap.drift.Unit;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code drift --junit FILE}: JUnit XML as CI test tabs read it (Azure Pipelines' PublishTestResults,
 * format JUnit). One testsuite per repository and cluster, one testcase per check performed:
 * drift is a {@code <failure>}, an error an {@code <error>}, warnings and notes pass with their
 * text in {@code <system-out>}.
 */
public final class DriftJunit {
  private DriftJunit() {}

  public static String render(DriftReport r) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Document doc = factory.newDocumentBuilder().newDocument();
      Element suites = doc.createElement("testsuites");
      suites.setAttribute("name", "fluxstrap drift " + r.specName());
      suites.setAttribute("tests", String.valueOf(r.checks()));
      suites.setAttribute("failures", String.valueOf(r.count(Check.Result.DRIFT)));
      suites.setAttribute("errors", String.valueOf(r.count(Check.Result.ERROR)));
      doc.appendChild(suites);
      for (Unit u : r.units()) suites.appendChild(suite(doc, u));
      return write(doc);
    } catch (ParserConfigurationException | TransformerException e) {
      throw new IllegalStateException("the JDK's XML support failed: " + e.getMessage(), e);
    }
  }

  private static Element suite(Document doc, Unit u) {
    Element suite = doc.createElement("testsuite");
    suite.setAttribute("name", u.address());
    suite.setAttribute("tests", String.valueOf(u.checks().size()));
    suite.setAttribute("failures", String.valueOf(u.count(Check.Result.DRIFT)));
    suite.setAttribute("errors", String.valueOf(u.count(Check.Result.ERROR)));
    suite.setAttribute("skipped", "0");
    for (Check c : u.checks()) {
      Element tc = doc.createElement("testcase");
      tc.setAttribute("classname", u.address());
      tc.setAttribute("name", c.name() + (c.address().equals(u.address()) ? "" : " (" + c.address() + ")"));
      switch (c.result()) {
        case DRIFT -> tc.appendChild(problem(doc, "failure", c));
        case ERROR -> tc.appendChild(problem(doc, "error", c));
        case WARNING, NOTE -> text(doc, tc, "system-out", c.result().label() + ": " + details(c));
        case PASS -> { }
      }
      suite.appendChild(tc);
    }
    return suite;
  }

  private static Element problem(Document doc, String tag, Check c) {
    Element e = doc.createElement(tag);
    e.setAttribute("message", c.message());
    e.setAttribute("type", c.result().label());
    e.setTextContent(details(c));
    return e;
  }

  private static String details(Check c) {
    StringBuilder b = new StringBuilder(c.message());
    if (c.expected() != null || c.found() != null) b.append("\nexpected: ").append(c.expected()).append("\nfound: ").append(c.found());
    if (c.fix() != null) b.append("\nfix: apply would ").append(c.fix());
    if (c.hint() != null) b.append("\nhint: ").append(c.hint());
    return b.toString();
  }

  private static void text(Document doc, Element parent, String tag, String content) {
    Element e = doc.createElement(tag);
    e.setTextContent(content);
    parent.appendChild(e);
  }

  private static String write(Document doc) throws TransformerException {
    var transformer = TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.INDENT, "yes");
    transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
    StringWriter w = new StringWriter();
    transformer.transform(new DOMSource(doc), new StreamResult(w));
    return w + "\n";
  }
}
