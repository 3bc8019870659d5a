package io.fluxstrap.plan;

/** Where the sync objects Flux bootstrap creates live: one name, two API versions, read by refresh, apply and health. */
public final class FluxObjects {
  public static final String NAME = "flux-system";

  /**
   * The name of the GitRepository and Kustomization: {@code flux bootstrap} names them after the
   * namespace Flux is installed in ({@code flux-system/flux-system} by default).
   */
  public static String syncName(String namespace) {
    return namespace;
  }
  public static final String SOURCE_API = "source.toolkit.fluxcd.io/v1";
  public static final String KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io/v1";

  private FluxObjects() {}
}
