package io.fluxstrap.drift;

import java.util.ArrayList;
import java.util.List;

/** Collects one unit's checks in order; findings get their fix from the planner's steps. */
final class CheckList {
  private final List<Check> checks = new ArrayList<>();
  private final Fixes fixes;

  CheckList(Fixes fixes) {
    this.fixes = fixes;
  }

  void pass(String id, String address, String subject, String message) {
    checks.add(new Check(id, address, subject, Check.Result.PASS, message, null, null, null, null));
  }

  /**
   * A finding whose fix is the planner's step at {@code stepAddress} (null: none looked up); when
   * the planner has no step there, {@code hint} says what to do instead.
   */
  void finding(Check.Result result, String id, String address, String subject, String message, String expected,
      String found, String stepAddress, String hint) {
    String fix = stepAddress == null ? null : fixes.step(stepAddress);
    String refusal = stepAddress == null ? null : fixes.refusal(stepAddress);
    checks.add(new Check(id, address, subject, result, message, expected, found, fix,
        fix == null && refusal != null ? refusal : hint));
  }

  /** Addresses whose planner step some finding already names as its fix. */
  boolean fixes(String address) {
    String step = fixes.step(address);
    return step != null && checks.stream().anyMatch(c -> step.equals(c.fix()));
  }

  /** Planned steps at addresses starting with {@code prefix}. */
  List<io.fluxstrap.plan.Step> stepsAt(String prefix) {
    return fixes.under(prefix);
  }

  List<Check> list() {
    return List.copyOf(checks);
  }
}
