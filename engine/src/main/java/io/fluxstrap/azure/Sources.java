package io.fluxstrap.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the Azure Identity credential of one source, or says what it lacks. Every builder gets a
 * {@link Configuration} made of the options' environment (not the process's), so what a source sees
 * is what the caller passed.
 */
final class Sources {
  static final String PIPELINES_CLIENT_ID = "AZURESUBSCRIPTION_CLIENT_ID";
  static final String PIPELINES_TENANT_ID = "AZURESUBSCRIPTION_TENANT_ID";
  static final String PIPELINES_CONNECTION_ID = "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID";
  static final String SYSTEM_ACCESSTOKEN = "SYSTEM_ACCESSTOKEN";
  static final String SYSTEM_OIDCREQUESTURI = "SYSTEM_OIDCREQUESTURI";
  private static final Duration IMDS_PROBE = Duration.ofMillis(500);

  private Sources() {}

  /** Why {@code source} cannot be used with these options (what to set), or null when it can. */
  static String missing(EntraSource source, EntraOptions o) {
    List<String> lack = new ArrayList<>();
    switch (source) {
      case AZURE_PIPELINES -> {
        if (o.pick(o.clientId(), PIPELINES_CLIENT_ID) == null) lack.add(PIPELINES_CLIENT_ID + " (or clientId)");
        if (o.pick(o.tenantId(), PIPELINES_TENANT_ID) == null) lack.add(PIPELINES_TENANT_ID + " (or tenantId)");
        if (o.pick(o.serviceConnectionId(), PIPELINES_CONNECTION_ID) == null) lack.add(PIPELINES_CONNECTION_ID + " (or serviceConnectionId)");
        if (o.env(SYSTEM_ACCESSTOKEN) == null) lack.add(SYSTEM_ACCESSTOKEN + " (map it from $(System.AccessToken))");
        if (o.env(SYSTEM_OIDCREQUESTURI) == null) lack.add(SYSTEM_OIDCREQUESTURI + " (set by Azure Pipelines on its agents)");
        return lack.isEmpty() ? null : "not in an Azure Pipelines job with a service connection: " + String.join(", ", lack) + " not set";
      }
      case WORKLOAD_IDENTITY -> {
        if (o.env("AZURE_FEDERATED_TOKEN_FILE") == null) lack.add("AZURE_FEDERATED_TOKEN_FILE");
        if (o.pick(o.clientId(), "AZURE_CLIENT_ID") == null) lack.add("AZURE_CLIENT_ID (or clientId)");
        if (o.pick(o.tenantId(), "AZURE_TENANT_ID") == null) lack.add("AZURE_TENANT_ID (or tenantId)");
        return lack.isEmpty() ? null : "no workload identity: " + String.join(", ", lack) + " not set";
      }
      case MANAGED_IDENTITY -> {
        if (o.env("IDENTITY_ENDPOINT") != null || o.env("MSI_ENDPOINT") != null) return null;
        return imdsReachable() ? null : "no managed identity: IDENTITY_ENDPOINT and MSI_ENDPOINT are not set and the instance metadata endpoint 169.254.169.254 does not answer (not on an Azure machine)";
      }
      case ENVIRONMENT -> {
        if (o.env("AZURE_CLIENT_ID") == null) lack.add("AZURE_CLIENT_ID");
        if (o.env("AZURE_TENANT_ID") == null) lack.add("AZURE_TENANT_ID");
        if (o.env("AZURE_CLIENT_SECRET") == null && o.env("AZURE_CLIENT_CERTIFICATE_PATH") == null) lack.add("AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH");
        return lack.isEmpty() ? null : "no service principal in the environment: " + String.join(", ", lack) + " not set";
      }
      case AZURE_CLI -> {
        return null; // whether az is installed and logged in shows when it is asked
      }
    }
    throw new IllegalStateException(source.name());
  }

  static TokenCredential build(EntraSource source, EntraOptions o) {
    Configuration config = configuration(o.env());
    return switch (source) {
      case AZURE_PIPELINES -> new AzurePipelinesCredentialBuilder()
          .clientId(o.pick(o.clientId(), PIPELINES_CLIENT_ID))
          .tenantId(o.pick(o.tenantId(), PIPELINES_TENANT_ID))
          .serviceConnectionId(o.pick(o.serviceConnectionId(), PIPELINES_CONNECTION_ID))
          .systemAccessToken(o.env(SYSTEM_ACCESSTOKEN))
          .configuration(config)
          .build();
      case WORKLOAD_IDENTITY -> new WorkloadIdentityCredentialBuilder()
          .clientId(o.pick(o.clientId(), "AZURE_CLIENT_ID"))
          .tenantId(o.pick(o.tenantId(), "AZURE_TENANT_ID"))
          .tokenFilePath(o.env("AZURE_FEDERATED_TOKEN_FILE"))
          .configuration(config)
          .build();
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder().configuration(config);
        yield (o.clientId() != null ? b.clientId(o.clientId()) : b).build();
      }
      case ENVIRONMENT -> new EnvironmentCredentialBuilder().configuration(config).build();
      case AZURE_CLI -> {
        AzureCliCredentialBuilder b = new AzureCliCredentialBuilder().configuration(config).processTimeout(Duration.ofSeconds(30));
        yield (o.tenantId() != null ? b.tenantId(o.tenantId()) : b).build();
      }
    };
  }

  /** What to do when a source that was configured still gave no token. */
  static String advice(EntraSource source) {
    return switch (source) {
      case AZURE_PIPELINES -> "check the service connection uses workload identity federation and the pipeline may use it";
      case WORKLOAD_IDENTITY -> "check the federated credential of the app registration matches the token's issuer and subject";
      case MANAGED_IDENTITY -> "check a managed identity is assigned (and clientId names it when there are several)";
      case ENVIRONMENT -> "check the service principal's secret or certificate has not expired";
      case AZURE_CLI -> "run 'az login' (in Azure Pipelines: an AzureCLI@2 task with the service connection)";
    };
  }

  private static Configuration configuration(Map<String, String> env) {
    return new ConfigurationBuilder(name -> Map.of(), name -> Map.of(), name -> env).build();
  }

  private static boolean imdsReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("169.254.169.254", 80), (int) IMDS_PROBE.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
