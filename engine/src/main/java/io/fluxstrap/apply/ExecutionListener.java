package io.fluxstrap.apply;

import io.fluxstrap.plan.Step;

/** Progress events of an apply; the CLI renders them on stderr. Implementations must not throw. */
public interface ExecutionListener {
  void started(Step step, int index, int total);

  void finished(Step step, String outcome);

  /** Intermediate news of a long step (applying objects, waiting for health). */
  void progress(String message);

  ExecutionListener NONE = new ExecutionListener() {
    @Override
    public void started(Step step, int index, int total) {}

    @Override
    public void finished(Step step, String outcome) {}

    @Override
    public void progress(String message) {}
  };
}
