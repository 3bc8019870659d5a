package io.fluxstrap.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.fluxstrap.secret.Sensitive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token for one scope, kept and renewed before it expires: a token is renewed once less than
 * five minutes (or, for short-lived tokens, half its lifetime) remain, so a long fleet apply keeps
 * working past the hour an Entra token lasts. Thread-safe; one credential call at a time.
 */
public final class AccessTokens {
  /** Azure DevOps as an Entra resource (its well-known application id). */
  public static final String AZURE_DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
  public static final String AZURE_DEVOPS_SCOPE = AZURE_DEVOPS_RESOURCE + "/.default";
  private static final Duration MARGIN = Duration.ofMinutes(5);

  /** A token and when it should be replaced. {@code toString} shows no token. */
  public record Token(Sensitive value, Instant expiresAt, Instant renewAt, EntraIdentity identity) {
    @Override
    public String toString() {
      return "Token[" + identity.describe() + ", expires " + expiresAt + "]";
    }
  }

  private final TokenCredential credential;
  private final String scope;
  private final Clock clock;
  private Token current;
  private int fetched;

  public AccessTokens(TokenCredential credential, String scope, Clock clock) {
    this.credential = credential;
    this.scope = scope;
    this.clock = clock;
  }

  public static AccessTokens azureDevOps(TokenCredential credential) {
    return new AccessTokens(credential, AZURE_DEVOPS_SCOPE, Clock.systemUTC());
  }

  /** A token valid for a while yet: the kept one, or a new one when the kept one is near expiry. */
  public synchronized Token current() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(current.renewAt())) current = fetch(now);
    return current;
  }

  /** How many tokens were obtained so far (renewals show as more than one). */
  public synchronized int fetched() {
    return fetched;
  }

  private Token fetch(Instant now) {
    AccessToken t = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
    fetched++;
    Instant expires = t.getExpiresAt().toInstant();
    Duration life = Duration.between(now, expires);
    Duration margin = life.dividedBy(2).compareTo(MARGIN) < 0 ? life.dividedBy(2) : MARGIN;
    Instant renew = expires.minus(margin);
    if (t.getRefreshAt() != null && t.getRefreshAt().toInstant().isBefore(renew)) renew = t.getRefreshAt().toInstant();
    return new Token(Sensitive.of(t.getToken()), expires, renew, EntraIdentity.of(t.getToken()));
  }
}
