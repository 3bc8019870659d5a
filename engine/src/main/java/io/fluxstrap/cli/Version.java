package io.fluxstrap.cli;

/** The fluxstrap version, printed by {@code fluxstrap version} and recorded as the state writer. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
