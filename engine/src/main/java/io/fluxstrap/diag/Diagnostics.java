package io.fluxstrap.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics so that every problem is reported at once, not just the first. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public Diagnostics add(Diagnostic d) {
    items.add(d);
    return this;
  }

  public Diagnostics addAll(Diagnostics other) {
    items.addAll(other.items);
    return this;
  }

  public Diagnostics error(SourceRange range, String summary) {
    return add(Diagnostic.error(range, summary));
  }

  public Diagnostics warning(SourceRange range, String summary) {
    return add(Diagnostic.warning(range, summary));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** In file, line, column order; stable for equal positions. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(
        Comparator.comparing((Diagnostic d) -> d.range() == null || d.range().file() == null ? "" : d.range().file().toString())
            .thenComparingInt(d -> d.range() == null ? 0 : d.range().line())
            .thenComparingInt(d -> d.range() == null ? 0 : d.range().column()));
    return List.copyOf(copy);
  }

  /** Throws a {@link UserException} carrying every diagnostic when any is an error. */
  public void throwIfErrors() {
    if (hasErrors()) throw new UserException(sorted());
  }
}
