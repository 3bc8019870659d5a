package io.fluxstrap.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void normalizesLikeGo() {
    assertEquals("1m0s", GoDuration.normalize("1m"));
    assertEquals("1m0s", GoDuration.normalize("1m0s"));
    assertEquals("1m0s", GoDuration.normalize("60s"));
    assertEquals("1m30s", GoDuration.normalize("90s"));
    assertEquals("10m0s", GoDuration.normalize("10m"));
    assertEquals("1h0m0s", GoDuration.normalize("1h"));
    assertEquals("1h30m0s", GoDuration.normalize("1.5h"));
    assertEquals("2h3m4.5s", GoDuration.normalize("2h3m4s500ms"));
    assertEquals("500ms", GoDuration.normalize("0.5s"));
    assertEquals("1.5µs", GoDuration.normalize("1500ns"));
    assertEquals("0s", GoDuration.normalize("0"));
    assertEquals("-1m0s", GoDuration.normalize("-60s"));
  }

  @Test
  void refusesWhatGoRefuses() {
    for (String bad : new String[] {"", "1", "m", "1 m", "1d", "1m 0s", "one minute", "--1s"}) {
      assertFalse(GoDuration.isValid(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> GoDuration.parseNanos(bad), bad);
    }
  }
}
