package io.fluxstrap.cli;

/** Exit codes: Terraform's for plan --detailed-exitcode and drift runs. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;

  private ExitCode() {}
}
