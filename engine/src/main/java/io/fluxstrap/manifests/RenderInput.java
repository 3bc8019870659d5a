package io.fluxstrap.manifests;

import java.util.List;

/**
 * Everything the rendered files depend on, and nothing else: rendering is a pure function of
 * this record.
 *
 * @param fluxDir repo-relative folder of the three files, e.g. {@code clusters/my-cluster/flux-system}
 * @param syncPath the folder the Kustomization reconciles, e.g. {@code clusters/my-cluster} or
 *     {@code ./clusters/my-cluster}; empty for the repository root
 * @param namespace Flux's namespace; also the name of the GitRepository and Kustomization
 * @param secretName the Secret the GitRepository authenticates with
 * @param url the URL the cluster syncs from
 * @param interval the GitRepository interval, any Go duration (written back as Go does)
 * @param version the Flux version, e.g. {@code v2.7.5}
 * @param components the selected components, in the order the header lists them
 * @param componentsBundle the release's {@code install.yaml} text
 * @param workloadIdentity null, or the Azure identity source-controller pulls with: then the
 *     GitRepository has {@code provider: azure} and no secretRef, and kustomization.yaml carries
 *     Flux's workload identity patches
 */
public record RenderInput(
    String fluxDir,
    String syncPath,
    String namespace,
    String secretName,
    String url,
    String branch,
    String interval,
    String version,
    List<String> components,
    String componentsBundle,
    WorkloadIdentityPatches.Identity workloadIdentity) {
  /** Without workload identity: the GitRepository authenticates with Secret {@code secretName}. */
  public RenderInput(String fluxDir, String syncPath, String namespace, String secretName, String url, String branch,
      String interval, String version, List<String> components, String componentsBundle) {
    this(fluxDir, syncPath, namespace, secretName, url, branch, interval, version, components, componentsBundle, null);
  }

  public RenderInput {
    requireText(fluxDir, "fluxDir");
    if (syncPath == null) throw new IllegalArgumentException("syncPath required (empty for the root)");
    requireText(namespace, "namespace");
    requireText(secretName, "secretName");
    requireText(url, "url");
    requireText(branch, "branch");
    requireText(interval, "interval");
    requireText(version, "version");
    components = List.copyOf(components);
    if (components.isEmpty()) throw new IllegalArgumentException("at least one component required");
    if (componentsBundle == null) throw new IllegalArgumentException("componentsBundle required");
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " required");
  }
}
