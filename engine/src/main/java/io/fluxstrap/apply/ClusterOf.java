package io.fluxstrap.apply;

import io.fluxstrap.plan.Action;
import io.fluxstrap.plan.Step;

/** The cluster a step touches on the Kubernetes API, or null for repository steps. */
final class ClusterOf {
  private ClusterOf() {}

  static String step(Step s) {
    return s.action().accept(new Action.Visitor<String>() {
      @Override
      public String renderManifests(Action.RenderManifests a) {
        return null;
      }

      @Override
      public String commit(Action.Commit a) {
        return null;
      }

      @Override
      public String push(Action.Push a) {
        return null;
      }

      @Override
      public String createNamespace(Action.CreateNamespace a) {
        return a.cluster();
      }

      @Override
      public String applySecret(Action.ApplySecret a) {
        return a.cluster();
      }

      @Override
      public String applyComponents(Action.ApplyComponents a) {
        return a.cluster();
      }

      @Override
      public String applySync(Action.ApplySync a) {
        return a.cluster();
      }

      @Override
      public String waitHealthy(Action.WaitHealthy a) {
        return a.cluster();
      }
    });
  }
}
