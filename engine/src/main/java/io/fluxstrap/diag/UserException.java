package io.fluxstrap.diag;

import java.util.List;

/**
 * A problem with the user's input or environment: printed as its diagnostics, exit code 1, no
 * stack trace. Its messages never contain a secret.
 */
public class UserException extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public UserException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "error" : diagnostics.get(0).summary(), null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public UserException(String message) {
    this(List.of(Diagnostic.error(message)));
  }

  public UserException(SourceRange range, String message) {
    this(List.of(Diagnostic.error(range, message)));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
