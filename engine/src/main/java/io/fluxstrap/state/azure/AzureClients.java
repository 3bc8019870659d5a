package io.fluxstrap.state.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.fluxstrap.azure.AzureCredentials;
import io.fluxstrap.azure.EntraOptions;
import io.fluxstrap.azure.EntraSource;
import io.fluxstrap.diag.UserException;
import java.util.Map;

/**
 * Builds the container client of an azurerm state from its settings and the environment. Azure
 * Identity is the same credential chain as the Entra ID push ({@code azure/}), with the state's
 * own tenant, client and source settings. The account key and SAS token are read from the
 * environment only (never from the spec, which is committed), and never appear in a message.
 */
final class AzureClients {
  static final String[] KEY_VARS = {"ARM_ACCESS_KEY", "AZURE_STORAGE_KEY"};
  static final String[] SAS_VARS = {"ARM_SAS_TOKEN", "AZURE_STORAGE_SAS_TOKEN"};

  /** A container client, and the Entra ID credential it signs with (null for a key or SAS). */
  record Connection(BlobContainerClient container, AzureCredentials identity) {}

  private AzureClients() {}

  static BlobContainerClient container(AzureBlobSettings s, Map<String, String> env) {
    return connect(s, env).container();
  }

  static Connection connect(AzureBlobSettings s, Map<String, String> env) {
    // Few, bounded retries: a lease conflict is not retried by the SDK, and an unreachable
    // account should fail in seconds rather than minutes.
    BlobServiceClientBuilder b = new BlobServiceClientBuilder().endpoint(s.endpoint())
        .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, 30, 500L, 4000L, null));
    String key = first(env, KEY_VARS);
    if (key != null) checkBase64(key);
    String sas = first(env, SAS_VARS);
    AzureCredentials identity = null;
    switch (s.auth()) {
      case "key" -> {
        if (key == null) throw new UserException("state.azurerm.auth is key, but neither ARM_ACCESS_KEY nor AZURE_STORAGE_KEY is set");
        b.credential(new StorageSharedKeyCredential(s.account(), key));
      }
      case "sas" -> {
        if (sas == null) throw new UserException("state.azurerm.auth is sas, but neither ARM_SAS_TOKEN nor AZURE_STORAGE_SAS_TOKEN is set");
        b.credential(new AzureSasCredential(sas.startsWith("?") ? sas.substring(1) : sas));
      }
      case "identity" -> identity = identity(s, env, "state.azurerm.auth is identity");
      case "auto" -> {
        if (key != null) b.credential(new StorageSharedKeyCredential(s.account(), key));
        else if (sas != null) b.credential(new AzureSasCredential(sas.startsWith("?") ? sas.substring(1) : sas));
        else identity = identity(s, env, "no storage account key (ARM_ACCESS_KEY, AZURE_STORAGE_KEY) or SAS token (ARM_SAS_TOKEN,"
            + " AZURE_STORAGE_SAS_TOKEN) is set, so state.azurerm.auth auto signs in with Entra ID");
      }
      default -> throw new UserException("state.azurerm.auth must be auto, identity, key or sas, not '" + s.auth() + "'");
    }
    if (identity != null) b.credential(identity);
    return new Connection(b.buildClient().getBlobContainerClient(s.container()), identity);
  }

  /**
   * The Entra ID credential of the state's settings. The Azure SDK sends a bearer token over HTTPS
   * only; an http:// endpoint (a local emulator) is refused here, before any request, with what to do.
   */
  private static AzureCredentials identity(AzureBlobSettings s, Map<String, String> env, String why) {
    if (!s.endpoint().regionMatches(true, 0, "https://", 0, 8)) {
      throw new UserException(why + ", but Entra ID tokens are sent over HTTPS only and state.azurerm.endpoint is " + s.endpoint()
          + ": use an https:// endpoint, or a storage account key (ARM_ACCESS_KEY) or SAS token (ARM_SAS_TOKEN) for a local emulator");
    }
    AzureBlobSettings.Entra e = s.entra();
    EntraSource source = e.source() == null ? null : EntraSource.ofKey(e.source()).orElseThrow(() -> new UserException(
        "state.azurerm.entra_source must be one of " + String.join(", ", EntraSource.keys()) + ", not '" + e.source() + "'"));
    return AzureCredentials.of(new EntraOptions(source, e.tenantId(), e.clientId(), e.serviceConnectionId(), env));
  }

  /** A key that is not base64 would fail deep in request signing; say which variable is wrong instead. */
  private static void checkBase64(String key) {
    try {
      java.util.Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      throw new UserException("the storage account key in ARM_ACCESS_KEY / AZURE_STORAGE_KEY is not base64; copy it again from the"
          + " storage account's Access keys");
    }
  }

  private static String first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) return v.strip();
    }
    return null;
  }
}
