package io.fluxstrap.state.azure;

import java.time.Duration;

/**
 * Where an azurerm state lives and how to reach it: the blob {@code <container>/<key>} in a
 * storage account, at {@code endpoint} (by default {@code https://<account>.blob.core.windows.net};
 * another one for sovereign clouds or Azurite).
 *
 * @param auth how to sign requests: {@code identity} (the Entra ID credential chain of {@code
 *     azure/}: Azure Pipelines service connection, workload identity, managed identity, environment
 *     service principal, Azure CLI), {@code key} (a storage account key from
 *     {@code ARM_ACCESS_KEY} or {@code AZURE_STORAGE_KEY}) or {@code sas} (a SAS token from {@code
 *     ARM_SAS_TOKEN} or {@code AZURE_STORAGE_SAS_TOKEN}); {@code auto} takes the key, else the SAS
 *     token, else identity.
 * @param lease how long a lease lasts without renewal: a killed run's lock frees itself after it.
 */
public record AzureBlobSettings(String endpoint, String account, String container, String key, String auth, Duration lease) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  public AzureBlobSettings {
    if (endpoint == null || endpoint.isBlank()) endpoint = "https://" + account + ".blob.core.windows.net";
    if (endpoint.endsWith("/")) endpoint = endpoint.substring(0, endpoint.length() - 1);
    if (auth == null) auth = "auto";
    if (lease == null) lease = DEFAULT_LEASE;
  }

  /** For messages: {@code azurerm blob <container>/<key> in storage account <account>}. */
  public String describe() {
    return "azurerm blob " + container + "/" + key + " in storage account " + account;
  }
}
