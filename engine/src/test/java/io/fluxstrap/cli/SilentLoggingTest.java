package io.fluxstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What the CLI's java.util.logging configuration leaves: no handler anywhere, every level off. */
class SilentLoggingTest {
  @Test
  void turnsEveryLoggerOffAndRemovesEveryHandler() {
    Logger library = Logger.getLogger("io.vertx.core.test");
    library.setLevel(Level.FINE);
    new SilentLogging();
    assertEquals(List.of(), List.of(Logger.getLogger("").getHandlers()));
    assertEquals(Level.OFF, Logger.getLogger("").getLevel());
    assertFalse(Logger.getLogger("io.vertx.core.test").isLoggable(Level.SEVERE), "a library logger is silent");
  }
}
