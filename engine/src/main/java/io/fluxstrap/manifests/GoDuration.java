package io.fluxstrap.manifests;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go (and so Flux and Kubernetes) write them. Flux parses {@code --interval=1m} and
 * writes it back as {@code 1m0s}; doing the same keeps our manifests byte-identical to Flux's.
 */
public final class GoDuration {
  private GoDuration() {}

  private static final Pattern WHOLE = Pattern.compile("[-+]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+|[-+]?0");
  private static final Pattern PART = Pattern.compile("([0-9]+\\.?[0-9]*|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  /** True when {@code text} is a duration Go's {@code time.ParseDuration} accepts. */
  public static boolean isValid(String text) {
    return text != null && WHOLE.matcher(text).matches();
  }

  /** Nanoseconds of a Go duration string such as {@code 1m30s} or {@code 1.5h}. */
  public static long parseNanos(String text) {
    if (!isValid(text)) throw new IllegalArgumentException("not a duration: \"" + text + "\" (expected e.g. 1m0s, 10m, 1h)");
    boolean negative = text.startsWith("-");
    BigDecimal total = BigDecimal.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      total = total.add(new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1))
          .multiply(BigDecimal.valueOf(UNIT_NANOS.get(m.group(2)))));
    }
    long nanos = total.longValueExact();
    return negative ? -nanos : nanos;
  }

  /** {@code text} in Go's canonical form: {@code 1m} gives {@code 1m0s}, {@code 90s} gives {@code 1m30s}. */
  public static String normalize(String text) {
    return format(parseNanos(text));
  }

  /** Go's {@code time.Duration.String()}. */
  public static String format(long nanos) {
    if (nanos == 0) return "0s";
    String sign = nanos < 0 ? "-" : "";
    long d = Math.abs(nanos);
    if (d < 1_000L) return sign + d + "ns";
    if (d < 1_000_000L) return sign + fraction(d, 1_000L) + "µs";
    if (d < 1_000_000_000L) return sign + fraction(d, 1_000_000L) + "ms";
    StringBuilder out = new StringBuilder(sign);
    long hours = d / 3_600_000_000_000L;
    long minutes = d / 60_000_000_000L % 60;
    long secNanos = d % 60_000_000_000L;
    if (hours > 0) out.append(hours).append('h');
    if (hours > 0 || minutes > 0) out.append(minutes).append('m');
    return out.append(fraction(secNanos, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
