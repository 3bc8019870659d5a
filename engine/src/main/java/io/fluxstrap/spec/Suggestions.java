package io.fluxstrap.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known word closest to a misspelt one, if any is close enough. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate with the smallest edit distance to {@code word}, when that distance is small
   * relative to the word's length (at most 1 for short words, about a third for longer ones).
   */
  static Optional<String> closest(String word, Collection<String> candidates) {
    // Far longer than any key or name: no suggestion, and no distance table of its size.
    if (word.length() > 100) return Optional.empty();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
    return best != null && bestDistance <= allowed && !best.equals(word) ? Optional.of(best) : Optional.empty();
  }

  /** {@code " (did you mean 'x'?)"}, or {@code ""} when nothing is close. */
  static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /** Optimal string alignment distance: Levenshtein plus swapping two adjacent characters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
