package io.fluxstrap.manifests;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flux's documented Azure workload identity setup for source-controller, in the two forms it takes:
 * the kustomize patches written to {@code flux-system/kustomization.yaml} (what Flux's
 * kustomize-controller applies from then on), and the same change made to the component objects
 * fluxstrap applies itself (so the first sync already runs with the identity). Pure.
 */
public final class WorkloadIdentityPatches {
  public static final String SERVICE_ACCOUNT = "source-controller";
  public static final String CLIENT_ID = "azure.workload.identity/client-id";
  public static final String TENANT_ID = "azure.workload.identity/tenant-id";
  public static final String USE_LABEL = "azure.workload.identity/use";

  private WorkloadIdentityPatches() {}

  /** The identity source-controller runs as; {@code tenantId} may be null. */
  public record Identity(String clientId, String tenantId) {
    public Identity {
      if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("clientId required");
    }
  }

  /** kustomization.yaml with Flux's two patches (service account annotations, pod label). */
  static String kustomization(String base, Identity id) {
    StringBuilder b = new StringBuilder(base)
        .append("patches:\n")
        .append("- patch: |\n")
        .append("    apiVersion: v1\n")
        .append("    kind: ServiceAccount\n")
        .append("    metadata:\n")
        .append("      name: ").append(SERVICE_ACCOUNT).append('\n')
        .append("      annotations:\n")
        .append("        ").append(CLIENT_ID).append(": ").append(id.clientId()).append('\n');
    if (id.tenantId() != null) b.append("        ").append(TENANT_ID).append(": ").append(id.tenantId()).append('\n');
    return b.append("  target:\n")
        .append("    kind: ServiceAccount\n")
        .append("    name: ").append(SERVICE_ACCOUNT).append('\n')
        .append("- patch: |\n")
        .append("    apiVersion: apps/v1\n")
        .append("    kind: Deployment\n")
        .append("    metadata:\n")
        .append("      name: ").append(SERVICE_ACCOUNT).append('\n')
        .append("    spec:\n")
        .append("      template:\n")
        .append("        metadata:\n")
        .append("          labels:\n")
        .append("            ").append(USE_LABEL).append(": \"true\"\n")
        .append("  target:\n")
        .append("    kind: Deployment\n")
        .append("    name: ").append(SERVICE_ACCOUNT).append('\n')
        .toString();
  }

  /**
   * {@code components} (gotk-components.yaml) with the two patches applied, as {@code kustomize build}
   * of the flux-system folder would give them; every other object is left byte for byte.
   */
  public static String apply(String components, Identity id) {
    List<ManifestObject> objects = ManifestObjects.split(components, "gotk-components.yaml");
    StringBuilder out = new StringBuilder();
    for (ManifestObject o : objects) {
      out.append("---\n");
      if (SERVICE_ACCOUNT.equals(o.name()) && o.kind().equals("ServiceAccount")) {
        ObjectNode tree = o.tree();
        ObjectNode annotations = object(object(tree, "metadata"), "annotations");
        annotations.put(CLIENT_ID, id.clientId());
        if (id.tenantId() != null) annotations.put(TENANT_ID, id.tenantId());
        out.append(YamlWriter.write(tree));
      } else if (SERVICE_ACCOUNT.equals(o.name()) && o.kind().equals("Deployment")) {
        ObjectNode tree = o.tree();
        object(object(object(object(tree, "spec"), "template"), "metadata"), "labels").put(USE_LABEL, "true");
        out.append(YamlWriter.write(tree));
      } else {
        out.append(o.text());
      }
    }
    return out.toString();
  }

  private static ObjectNode object(ObjectNode parent, String key) {
    return parent.get(key) instanceof ObjectNode o ? o : parent.putObject(key);
  }
}
