package io.fluxstrap.spec;

import io.fluxstrap.diag.Diagnostics;
import io.fluxstrap.diag.SourceRange;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * The limits a spec document must keep before it is composed into a tree: the composer and every
 * reader after it recurse, and aliases let a small file stand for an exponentially large one
 * ("billion laughs"). Reading the parser's flat event stream first (the parser itself keeps an
 * explicit stack) finds each excess at the event that causes it, without building anything.
 */
final class YamlBounds {
  /** Nesting, counting what aliases bring in; a spec needs about ten levels. */
  static final int MAX_DEPTH = 64;
  /** Values (scalars and collections) after alias expansion; a thousand clusters need about 50,000. */
  static final long MAX_VALUES = 500_000;

  /** A node being read: how many values it holds so far and how deep it reaches below itself. */
  private static final class Open {
    final Optional<String> anchor;
    long values = 1;
    int height = 1;

    Open(Optional<String> anchor) {
      this.anchor = anchor;
    }
  }

  private record Size(long values, int height) {}

  private final Path file;
  private final Diagnostics diagnostics;
  private final Deque<Open> open = new ArrayDeque<>();
  private final Map<String, Size> anchors = new HashMap<>();
  private long total;
  private int documents;

  private YamlBounds(Path file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /**
   * Whether {@code text} is one document within the limits; reports the first excess otherwise.
   * Syntax errors are thrown as the parser's exceptions, as composing would.
   */
  static boolean check(Path file, String text, LoadSettings settings, Diagnostics diagnostics) {
    return new YamlBounds(file, diagnostics).scan(new Parse(settings).parseString(text));
  }

  private boolean scan(Iterable<Event> events) {
    for (Event e : events) {
      switch (e.getEventId()) {
        case DocumentStart -> {
          if (++documents > 1) {
            return fail(e, "a spec is one YAML document, but a second one starts here (remove the '---' line, or split the file)");
          }
        }
        case MappingStart, SequenceStart -> {
          if (open.size() + 1 > MAX_DEPTH) {
            return fail(e, "the spec nests deeper than " + MAX_DEPTH + " levels; a spec needs about ten");
          }
          open.push(new Open(((NodeEvent) e).getAnchor().map(a -> a.getValue())));
        }
        case MappingEnd, SequenceEnd -> {
          Open done = open.pop();
          done.anchor.ifPresent(a -> anchors.put(a, new Size(done.values, done.height)));
          if (!add(e, 1, done.values, done.height)) return false;
        }
        case Scalar -> {
          ((NodeEvent) e).getAnchor().ifPresent(a -> anchors.put(a.getValue(), new Size(1, 1)));
          if (!add(e, 1, 1, 1)) return false;
        }
        case Alias -> {
          // An unknown alias is the composer's error to report; count it as one value here.
          Size size = anchors.getOrDefault(((AliasEvent) e).getAlias().getValue(), new Size(1, 1));
          if (open.size() + size.height() > MAX_DEPTH) {
            return fail(e, "this alias nests the spec deeper than " + MAX_DEPTH + " levels");
          }
          if (!add(e, size.values(), size.values(), size.height())) return false;
        }
        default -> {
          // stream start and end, document end, comments: no values
        }
      }
    }
    return true;
  }

  /**
   * Counts a finished value into its parent and the document's total: {@code added} values are
   * new to the total (a collection's children were counted as they finished; an alias brings in
   * its whole anchor again), {@code values} is its size for the parent.
   */
  private boolean add(Event at, long added, long values, int height) {
    total += added;
    if (total > MAX_VALUES) {
      return fail(at, at instanceof AliasEvent
          ? "with this alias the spec expands to more than " + MAX_VALUES + " values; use fewer aliases"
          : "the spec holds more than " + MAX_VALUES + " values; split it into several specs");
    }
    Open parent = open.peek();
    if (parent != null) {
      parent.values += values;
      parent.height = Math.max(parent.height, height + 1);
    }
    return true;
  }

  private boolean fail(Event at, String message) {
    diagnostics.error(at.getStartMark().map(this::range).orElse(new SourceRange(file, 1, 1)), message);
    return false;
  }

  private SourceRange range(Mark m) {
    return new SourceRange(file, m.getLine() + 1, m.getColumn() + 1);
  }
}
