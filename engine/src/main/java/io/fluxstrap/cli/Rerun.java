package io.fluxstrap.cli;

/**
 * A stopped or failed run ({@link io.fluxstrap.apply.StepFailure}, {@link io.fluxstrap.apply.ClusterFailures},
 * {@link io.fluxstrap.apply.Interrupted}) with the command that finishes it: applying a saved destroy
 * plan is finished by {@code destroy}, not by running {@code apply} on the now stale plan.
 */
final class Rerun extends RuntimeException {
  private final String command;

  Rerun(String command, RuntimeException cause) {
    super(cause.getMessage(), cause, false, false);
    this.command = command;
  }

  String command() {
    return command;
  }

  RuntimeException failure() {
    return (RuntimeException) getCause();
  }
}
