package io.fluxstrap.kube;

/** The test bundles, for tests in other packages. */
public final class ApplyManifestsFixture {
  private ApplyManifestsFixture() {}

  /** CRDs for GitRepository and Kustomization, Namespace flux-system, RBAC and two Deployments. */
  public static String bundle() {
    return ApplyManifestsTest.resource("install-bundle.yaml");
  }

  /** GitRepository and Kustomization flux-system, branch main, URL https://dev.azure.com/org/project/_git/repo. */
  public static String sync() {
    return ApplyManifestsTest.resource("sync.yaml");
  }
}
