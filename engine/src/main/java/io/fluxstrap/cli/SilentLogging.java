package io.fluxstrap.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The java.util.logging configuration of the CLI: every logger off, no handler. Libraries (Vert.x,
 * Netty) log through java.util.logging and nothing below the CLI prints. Named by the system
 * property {@code java.util.logging.config.class} (see {@link Main}), it runs only if a library
 * actually starts java.util.logging: resetting it up front cost ~30 ms of every run, a tenth of a
 * {@code validate}.
 */
public final class SilentLogging {
  static final String CONFIG = ".level=OFF\nhandlers=\n";

  /** Called by the LogManager while it initialises (the documented contract of a config class). */
  public SilentLogging() {
    try {
      LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
