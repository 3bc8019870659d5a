package io.fluxstrap.diag;

/**
 * One finding about user input or the environment, as a value. Only the CLI prints these, as
 * {@code file:line:col: error: summary}. A diagnostic never carries a secret value.
 */
public record Diagnostic(Severity severity, String summary, String detail, SourceRange range) {
  public Diagnostic {
    if (severity == null || summary == null) throw new IllegalArgumentException("severity and summary required");
    detail = detail == null ? "" : detail;
  }

  public static Diagnostic error(SourceRange range, String summary) {
    return new Diagnostic(Severity.ERROR, summary, "", range);
  }

  public static Diagnostic error(String summary) {
    return new Diagnostic(Severity.ERROR, summary, "", null);
  }

  public static Diagnostic warning(SourceRange range, String summary) {
    return new Diagnostic(Severity.WARNING, summary, "", range);
  }

  /** {@code path:line:col: error: summary} (no location prefix when unknown). */
  public String render() {
    String where = range == null ? "" : range.render() + ": ";
    String text = where + severity.label() + ": " + summary;
    return detail.isEmpty() ? text : text + "\n  " + detail.replace("\n", "\n  ");
  }
}
