package io.fluxstrap.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * The Entra ID credential for fluxstrap (Azure DevOps pushes, the azurerm state backend): one
 * source chosen explicitly, or the default chain, tried in this order until one gives a token:
 * {@link EntraSource#AZURE_PIPELINES}, {@link EntraSource#WORKLOAD_IDENTITY},
 * {@link EntraSource#MANAGED_IDENTITY}, {@link EntraSource#ENVIRONMENT}, {@link EntraSource#AZURE_CLI}.
 * Sources that are not configured are skipped without a network call. The source that worked is
 * kept for the rest of the run (renewals ask it again, not the whole chain). Failures are
 * {@link EntraFailure}s naming every source tried and why it failed.
 */
public final class AzureCredentials implements TokenCredential {
  private final EntraOptions options;
  private volatile Chosen chosen;
  private volatile EntraIdentity identity;

  private record Chosen(EntraSource source, TokenCredential credential) {}

  private AzureCredentials(EntraOptions options) {
    this.options = options;
  }

  /** A credential for {@code options}; nothing is asked until the first token is needed. */
  public static AzureCredentials of(EntraOptions options) {
    return new AzureCredentials(options);
  }

  /** The source that gave the last token, or null before the first. */
  public EntraSource source() {
    Chosen c = chosen;
    return c == null ? null : c.source();
  }

  /**
   * Who the last token speaks for and where it came from, for messages: {@code tenant …, client …,
   * object … (from azureCli)}; null before the first token.
   */
  public String signedInAs() {
    Chosen c = chosen;
    EntraIdentity i = identity;
    return c == null || i == null ? null : i.describe() + " (from " + c.source().key() + ")";
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(() -> getTokenSync(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    Chosen c = chosen;
    if (c != null) {
      try {
        return seen(c.credential().getTokenSync(request));
      } catch (RuntimeException e) {
        throw new EntraFailure("cannot renew the Entra ID token", List.of(attempt(c.source(), e)));
      }
    }
    List<EntraSource> order = options.source() != null ? List.of(options.source()) : Arrays.asList(EntraSource.values());
    List<EntraFailure.Attempt> attempts = new ArrayList<>();
    for (EntraSource source : order) {
      String missing = Sources.missing(source, options);
      if (missing != null) {
        attempts.add(new EntraFailure.Attempt(source, missing));
        continue;
      }
      TokenCredential credential;
      try {
        credential = Sources.build(source, options);
        AccessToken token = credential.getTokenSync(request);
        chosen = new Chosen(source, credential);
        return seen(token);
      } catch (RuntimeException e) {
        attempts.add(attempt(source, e));
      }
    }
    String what = options.source() != null ? "source '" + options.source().key() + "'" : "any source of the default chain";
    throw new EntraFailure("no Microsoft Entra ID token from " + what, attempts);
  }

  private AccessToken seen(AccessToken token) {
    identity = EntraIdentity.of(token.getToken());
    return token;
  }

  private static EntraFailure.Attempt attempt(EntraSource source, RuntimeException e) {
    return new EntraFailure.Attempt(source, firstSentence(e) + "; " + Sources.advice(source));
  }

  /** Azure Identity messages run long (troubleshooting links, stack-like detail): keep the gist. */
  static String firstSentence(Throwable e) {
    String m = e.getMessage();
    for (Throwable c = e.getCause(); (m == null || m.isBlank()) && c != null; c = c.getCause()) m = c.getMessage();
    if (m == null || m.isBlank()) return e.getClass().getSimpleName();
    m = EntraFailure.scrub(m.strip());
    int link = m.toLowerCase(Locale.ROOT).indexOf("to mitigate this issue");
    if (link < 0) link = m.toLowerCase(Locale.ROOT).indexOf("for troubleshooting");
    if (link > 0) m = m.substring(0, link).strip();
    m = m.replaceAll("\\s+", " ");
    if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
    return m.length() > 400 ? m.substring(0, 400) + "..." : m;
  }

  @Override
  public String toString() {
    return "AzureCredentials[" + options + "]";
  }
}
