package io.fluxstrap.cli;

import io.fluxstrap.azure.AccessTokens;
import io.fluxstrap.azure.AzureCredentials;
import io.fluxstrap.azure.EntraFailure;
import io.fluxstrap.azure.EntraOptions;
import io.fluxstrap.azure.EntraSource;
import io.fluxstrap.git.BearerToken;
import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Entra ID bearer tokens for repositories with {@code auth.entra}, one token source per repository
 * for the whole run (so a token is fetched once and renewed before it expires), built from the
 * environment the CLI was given. Nothing is asked of Entra ID until a connection needs a token.
 */
final class EntraBearers implements Function<RepositorySpec, BearerToken> {
  private final Map<String, String> env;
  private final Map<String, Bearer> bearers = new LinkedHashMap<>();

  EntraBearers(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public synchronized BearerToken apply(RepositorySpec r) {
    if (!(r.auth() instanceof GitAuth.Entra e)) throw new IllegalArgumentException(r.address() + " does not use Entra ID");
    return bearers.computeIfAbsent(r.name(), n -> new Bearer(r.address(), e, options(e)));
  }

  private EntraOptions options(GitAuth.Entra e) {
    EntraSource source = e.source() == null ? null : EntraSource.ofKey(e.source()).orElseThrow();
    return new EntraOptions(source, e.tenantId(), e.clientId(), e.serviceConnectionId(), env);
  }

  /** One repository's tokens; failures name the repository and every source tried. */
  private static final class Bearer implements BearerToken {
    private final String address;
    private final AzureCredentials credential;
    private final AccessTokens tokens;
    private volatile AccessTokens.Token last;

    Bearer(String address, GitAuth.Entra spec, EntraOptions options) {
      this.address = address;
      this.credential = AzureCredentials.of(options);
      this.tokens = AccessTokens.azureDevOps(credential);
    }

    @Override
    public Sensitive current() {
      try {
        last = tokens.current();
        return last.value();
      } catch (EntraFailure f) {
        throw new EntraFailure(address + ": " + f.getMessage() + ". Nothing was changed", java.util.List.of());
      }
    }

    @Override
    public String identity() {
      AccessTokens.Token t = last;
      if (t == null) return "(not yet signed in)";
      return t.identity().describe() + " (from " + credential.source().key() + ")";
    }

    @Override
    public String toString() {
      return "Bearer[" + address + "]";
    }
  }
}
