package io.fluxstrap.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AccessTokensTest {
  /** A clock the test moves. */
  private static final class Hands extends Clock {
    Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Hands out token-1, token-2, ... each valid {@code life} from the clock's now. */
  private static final class Issuer implements TokenCredential {
    final Hands clock;
    final Duration life;
    final List<String> scopes = new ArrayList<>();
    int n;

    Issuer(Hands clock, Duration life) {
      this.clock = clock;
      this.life = life;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
      return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
      scopes.addAll(request.getScopes());
      return new AccessToken("token-" + ++n, clock.now.plus(life).atOffset(ZoneOffset.UTC));
    }
  }

  @Test
  void anHourTokenIsKeptUntilFiveMinutesBeforeItExpiresThenRenewed() {
    Hands clock = new Hands();
    Issuer issuer = new Issuer(clock, Duration.ofHours(1));
    AccessTokens tokens = new AccessTokens(issuer, AccessTokens.AZURE_DEVOPS_SCOPE, clock);
    assertEquals("token-1", tokens.current().value().reveal());
    clock.now = clock.now.plus(Duration.ofMinutes(54));
    assertEquals("token-1", tokens.current().value().reveal(), "54 minutes in: still six minutes left");
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertEquals("token-2", tokens.current().value().reveal(), "55 minutes in: renewed");
    assertEquals(2, tokens.fetched());
    assertEquals(List.of(AccessTokens.AZURE_DEVOPS_SCOPE, AccessTokens.AZURE_DEVOPS_SCOPE), issuer.scopes);
  }

  @Test
  void aShortLivedTokenIsRenewedAtHalfItsLife() {
    Hands clock = new Hands();
    AccessTokens tokens = new AccessTokens(new Issuer(clock, Duration.ofSeconds(60)), "s/.default", clock);
    AccessTokens.Token first = tokens.current();
    clock.now = clock.now.plusSeconds(29);
    assertEquals(first, tokens.current());
    clock.now = clock.now.plusSeconds(1);
    assertNotEquals(first.value(), tokens.current().value());
  }

  @Test
  void theTokenIsNotInItsToString() {
    Hands clock = new Hands();
    AccessTokens.Token t = new AccessTokens(new Issuer(clock, Duration.ofHours(1)), "s/.default", clock).current();
    assertEquals(false, t.toString().contains("token-1"), t.toString());
  }
}
