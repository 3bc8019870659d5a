/**
 * Microsoft Entra ID credentials, through the official Azure Identity library: the only package
 * that imports {@code com.azure.identity}. {@link io.fluxstrap.azure.AzureCredentials} builds one
 * {@code TokenCredential} from a documented chain of sources (Azure Pipelines service connection,
 * workload identity, managed identity, service principal from the environment, Azure CLI) or one
 * source chosen explicitly; {@link io.fluxstrap.azure.AccessTokens} caches a token for one scope and
 * renews it before it expires.
 *
 * <p>Contract: a token never appears in a message or exception leaving this package
 * ({@link io.fluxstrap.azure.EntraFailure} says which sources were tried, why each failed and what to
 * do); the environment is the one passed in, never the process's own, so tests and the CLI decide
 * what a credential sees.
 */
package io.fluxstrap.azure;
