package io.fluxstrap.testing;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** fabric8 handles on Flux's sync kinds, for tests that arrange or inspect them on the mock. */
public final class FluxKinds {
  public static final ResourceDefinitionContext GIT_REPOSITORY = new ResourceDefinitionContext.Builder()
      .withGroup("source.toolkit.fluxcd.io").withVersion("v1").withKind("GitRepository").withPlural("gitrepositories").withNamespaced(true).build();
  public static final ResourceDefinitionContext KUSTOMIZATION = new ResourceDefinitionContext.Builder()
      .withGroup("kustomize.toolkit.fluxcd.io").withVersion("v1").withKind("Kustomization").withPlural("kustomizations").withNamespaced(true).build();

  private FluxKinds() {}
}
