package io.fluxstrap.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders Flux release versions ({@code v2.9.5}, {@code v2.8.0-rc.1}) as semantic versions. */
final class FluxVersion {
  private static final Pattern SEMVER = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?");

  private FluxVersion() {}

  /** Negative when {@code a} is older than {@code b}; versions that do not parse compare as text. */
  static int compare(String a, String b) {
    Matcher x = SEMVER.matcher(a);
    Matcher y = SEMVER.matcher(b);
    if (!x.matches() || !y.matches()) return a.compareTo(b);
    for (int i = 1; i <= 3; i++) {
      int c = Long.compare(Long.parseLong(x.group(i)), Long.parseLong(y.group(i)));
      if (c != 0) return c;
    }
    String pa = x.group(4);
    String pb = y.group(4);
    if (pa == null || pb == null) return pa == null ? (pb == null ? 0 : 1) : -1; // a release is newer than its pre-releases
    return comparePre(pa.split("\\."), pb.split("\\."));
  }

  private static int comparePre(String[] a, String[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      boolean na = a[i].matches("\\d+");
      boolean nb = b[i].matches("\\d+");
      int c = na && nb ? Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i])) : na ? -1 : nb ? 1 : a[i].compareTo(b[i]);
      if (c != 0) return c;
    }
    return Integer.compare(a.length, b.length);
  }
}
