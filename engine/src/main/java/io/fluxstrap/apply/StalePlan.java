package io.fluxstrap.apply;

import io.fluxstrap.diag.UserException;

/** The world moved since the plan was made; a new plan is needed. */
final class StalePlan {
  private StalePlan() {}

  static UserException because(String why) {
    return new UserException("stale plan: " + why + "; run plan again");
  }
}
