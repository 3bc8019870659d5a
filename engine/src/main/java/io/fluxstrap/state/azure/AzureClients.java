package io.fluxstrap.state.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.fluxstrap.azure.AzureCredentials;
import io.fluxstrap.azure.EntraOptions;
import io.fluxstrap.diag.UserException;
import java.util.Map;

/**
 * Builds the container client of an azurerm state from its settings and the environment. Azure
 * Identity is the same credential chain as the Entra ID push ({@code azure/}). The
 * account key and SAS token are read from the environment only (never from the spec, which is
 * committed), and never appear in a message.
 */
final class AzureClients {
  static final String[] KEY_VARS = {"ARM_ACCESS_KEY", "AZURE_STORAGE_KEY"};
  static final String[] SAS_VARS = {"ARM_SAS_TOKEN", "AZURE_STORAGE_SAS_TOKEN"};

  private AzureClients() {}

  static BlobContainerClient container(AzureBlobSettings s, Map<String, String> env) {
    // Few, bounded retries: a lease conflict is not retried by the SDK, and an unreachable
    // account should fail in seconds rather than minutes.
    BlobServiceClientBuilder b = new BlobServiceClientBuilder().endpoint(s.endpoint())
        .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 3, 30, 500L, 4000L, null));
    String key = first(env, KEY_VARS);
    if (key != null) checkBase64(key);
    String sas = first(env, SAS_VARS);
    switch (s.auth()) {
      case "key" -> {
        if (key == null) throw new UserException("state.azurerm.auth is key, but neither ARM_ACCESS_KEY nor AZURE_STORAGE_KEY is set");
        b.credential(new StorageSharedKeyCredential(s.account(), key));
      }
      case "sas" -> {
        if (sas == null) throw new UserException("state.azurerm.auth is sas, but neither ARM_SAS_TOKEN nor AZURE_STORAGE_SAS_TOKEN is set");
        b.credential(new AzureSasCredential(sas.startsWith("?") ? sas.substring(1) : sas));
      }
      case "identity" -> b.credential(AzureCredentials.of(EntraOptions.chain(env)));
      case "auto" -> {
        if (key != null) b.credential(new StorageSharedKeyCredential(s.account(), key));
        else if (sas != null) b.credential(new AzureSasCredential(sas.startsWith("?") ? sas.substring(1) : sas));
        else b.credential(AzureCredentials.of(EntraOptions.chain(env)));
      }
      default -> throw new UserException("state.azurerm.auth must be auto, identity, key or sas, not '" + s.auth() + "'");
    }
    return b.buildClient().getBlobContainerClient(s.container());
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
