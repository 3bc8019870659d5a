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
 * @param entra which Entra ID identity to sign in as when {@code auth} comes to identity.
 */
public record AzureBlobSettings(String endpoint, String account, String container, String key, String auth, Duration lease, Entra entra) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  /**
   * The state's own Entra ID settings (Terraform's azurerm backend has {@code tenant_id} and
   * {@code client_id} too); each null means the source's own default, from the environment.
   *
   * @param source one source by its key ({@code azureCli}, ...), or null for the default chain
   */
  public record Entra(String source, String tenantId, String clientId, String serviceConnectionId) {
    public static final Entra CHAIN = new Entra(null, null, null, null);
  }

  public AzureBlobSettings {
    if (endpoint == null || endpoint.isBlank()) endpoint = "https://" + account + ".blob.core.windows.net";
    if (endpoint.endsWith("/")) endpoint = endpoint.substring(0, endpoint.length() - 1);
    if (auth == null) auth = "auto";
    if (lease == null) lease = DEFAULT_LEASE;
    if (entra == null) entra = Entra.CHAIN;
  }

  /** Settings signing in, if at all, through the default chain. */
  public AzureBlobSettings(String endpoint, String account, String container, String key, String auth, Duration lease) {
    this(endpoint, account, container, key, auth, lease, Entra.CHAIN);
  }

  /** For messages: {@code azurerm blob <container>/<key> in storage account <account>}. */
  public String describe() {
    return "azurerm blob " + container + "/" + key + " in storage account " + account;
  }
}
