package io.fluxstrap.azure;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where an Entra ID token comes from, in the order the default chain tries them. */
public enum EntraSource {
  /** An Azure Pipelines service connection with workload identity federation (AzurePipelinesCredential). */
  AZURE_PIPELINES("azurePipelines"),
  /** Workload identity: a federated token file (AZURE_FEDERATED_TOKEN_FILE), as on AKS or a GitHub runner. */
  WORKLOAD_IDENTITY("workloadIdentity"),
  /** The managed identity of the Azure machine or container this runs on (IMDS, App Service, Arc). */
  MANAGED_IDENTITY("managedIdentity"),
  /** A service principal from AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH. */
  ENVIRONMENT("environment"),
  /** The Azure CLI's login ({@code az account get-access-token}). */
  AZURE_CLI("azureCli");

  private final String key;

  EntraSource(String key) {
    this.key = key;
  }

  /** The name used in specs, messages and plans. */
  public String key() {
    return key;
  }

  public static Optional<EntraSource> ofKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(EntraSource::key).toList();
  }
}
