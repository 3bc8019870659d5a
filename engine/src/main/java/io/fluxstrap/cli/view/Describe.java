package io.fluxstrap.cli.view;

import io.fluxstrap.plan.FluxObjects;
import io.fluxstrap.plan.Action;

/** One line naming what a step does, for plans and progress. */
public final class Describe {
  private Describe() {}

  public static String action(Action action) {
    return action.accept(new Action.Visitor<String>() {
      @Override
      public String generateKey(Action.GenerateKey a) {
        String size = a.algorithm().equals("rsa") ? " " + a.rsaBits() : a.algorithm().equals("ecdsa") ? " " + a.ecdsaCurve() : "";
        return "generate an SSH key (" + a.algorithm() + size + ") for cluster " + a.cluster() + "; its public key must be registered with the Git host";
      }

      @Override
      public String trustHostKey(Action.TrustHostKey a) {
        String host = a.port() == 22 ? a.host() : a.host() + ":" + a.port();
        return "trust SSH host key " + a.fingerprint() + " of " + host;
      }

      @Override
      public String renderManifests(Action.RenderManifests a) {
        return "render flux-system manifests of cluster " + a.cluster() + " into repository " + a.repository() + " (" + a.files().size() + " file" + (a.files().size() == 1 ? "" : "s") + ")"
            + (a.movedFrom() == null ? "" : ", moved from " + a.movedFrom().repository() + ":" + a.movedFrom().dir() + "/");
      }

      @Override
      public String commit(Action.Commit a) {
        return "commit \"" + a.message().lines().findFirst().orElse("") + "\" on " + a.branch();
      }

      @Override
      public String push(Action.Push a) {
        return "push " + a.branch() + (a.baseHead() == null ? " (new branch)" : " from " + shortId(a.baseHead()));
      }

      @Override
      public String createNamespace(Action.CreateNamespace a) {
        return "namespace " + a.namespace();
      }

      @Override
      public String applySecret(Action.ApplySecret a) {
        return "secret " + a.namespace() + "/" + a.name() + " (Opaque: " + String.join(", ", a.keys()) + ")";
      }

      @Override
      public String applyComponents(Action.ApplyComponents a) {
        return "Flux " + a.version() + " components (server-side apply, field manager flux)";
      }

      @Override
      public String applySync(Action.ApplySync a) {
        return "GitRepository and Kustomization flux-system (server-side apply)";
      }

      @Override
      public String waitHealthy(Action.WaitHealthy a) {
        return "wait until Flux is Ready on cluster " + a.cluster() + " (timeout " + a.timeoutSeconds() + "s)";
      }

      @Override
      public String suspendSync(Action.SuspendSync a) {
        return "suspend Kustomization and GitRepository " + a.namespace() + "/" + FluxObjects.syncName(a.namespace()) + " (Flux stops reconciling)";
      }

      @Override
      public String pruneWorkloads(Action.PruneWorkloads a) {
        return "delete the objects Kustomization " + a.namespace() + "/" + FluxObjects.syncName(a.namespace()) + " applied (its inventory), except Flux itself";
      }

      @Override
      public String deleteSync(Action.DeleteSync a) {
        return "delete Kustomization and GitRepository " + a.namespace() + "/" + FluxObjects.syncName(a.namespace()) + " (finalizers removed first)";
      }

      @Override
      public String deleteComponents(Action.DeleteComponents a) {
        return "delete the Flux components in " + a.namespace() + (a.keepCrds() ? " (the CRDs and every custom resource are kept)" : ", then the Flux CRDs");
      }

      @Override
      public String deleteSecret(Action.DeleteSecret a) {
        return "delete secret " + a.namespace() + "/" + a.name();
      }

      @Override
      public String deleteNamespace(Action.DeleteNamespace a) {
        return "delete namespace " + a.namespace();
      }

      @Override
      public String removeManifests(Action.RemoveManifests a) {
        return "remove " + a.dir() + "/ from repository " + a.repository() + (a.moved() ? " (the cluster moved; only this folder goes)" : "");
      }

      @Override
      public String forgetCluster(Action.ForgetCluster a) {
        return "forget cluster " + a.cluster() + " (state only)";
      }

      @Override
      public String forgetRepository(Action.ForgetRepository a) {
        return "forget repository " + a.repository() + " (state only; the repository itself is kept)";
      }

      @Override
      public String forgetHostKey(Action.ForgetHostKey a) {
        return "forget the trusted SSH host key of " + (a.port() == 22 ? a.host() : a.host() + ":" + a.port()) + " (state only)";
      }
    });
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
