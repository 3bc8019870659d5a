package io.fluxstrap.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax ({@code 30s}, {@code 1m0s}, {@code 1h30m}, {@code 1.5h}), as Flux reads
 * it. Signs and a bare {@code 0} are not accepted: every duration in a spec is positive.
 */
public final class GoDurations {
  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS =
      Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDurations() {}

  /** The duration, or empty when {@code text} is not Go duration syntax or does not fit. */
  public static Optional<Duration> parse(String text) {
    if (!WHOLE.matcher(text).matches()) return Optional.empty();
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
    try {
      return Optional.of(Duration.ofNanos(nanos.longValueExact()));
    } catch (ArithmeticException e) {
      try {
        // Fractions of a nanosecond: Go truncates them too.
        return Optional.of(Duration.ofNanos(nanos.toBigInteger().longValueExact()));
      } catch (ArithmeticException overflow) {
        return Optional.empty();
      }
    }
  }
}
