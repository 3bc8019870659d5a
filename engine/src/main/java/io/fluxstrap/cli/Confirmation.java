package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;

/** Asking for "yes" before a command writes state, as apply does; never prompting without a terminal. */
final class Confirmation {
  private Confirmation() {}

  /** Fails early (before any lock or connection) when a prompt would be needed but impossible. */
  static void requirePossible(Io io, boolean autoApprove, String command) {
    if (!autoApprove && !io.terminal().interactive()) {
      throw new UserException(command + " asks for confirmation, but stdin is not a terminal; review with `fluxstrap plan"
          + (command.contains("refresh-only") ? " --refresh-only" : "") + "` and re-run with --auto-approve");
    }
  }

  static boolean ask(Io io, String question) {
    io.out().println("\n" + question + "\n  Only 'yes' will be accepted to approve.\n");
    String answer = io.terminal().readLine("  Enter a value: ");
    return "yes".equals(answer == null ? null : answer.strip());
  }
}
