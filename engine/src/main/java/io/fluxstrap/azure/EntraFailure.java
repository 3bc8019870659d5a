package io.fluxstrap.azure;

import java.util.List;
import java.util.regex.Pattern;

/**
 * No token could be obtained. The message lists every source tried, why it failed and what to do;
 * it never holds a token (anything that looks like a JWT is masked, in case a library echoed one).
 */
public final class EntraFailure extends RuntimeException {
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.?[A-Za-z0-9_-]*");

  /** One source and why it gave no token. */
  public record Attempt(EntraSource source, String reason) {
    public String render() {
      return source.key() + ": " + reason;
    }
  }

  private final List<Attempt> attempts;

  public EntraFailure(String summary, List<Attempt> attempts) {
    super(scrub(summary + render(attempts)), null, false, false);
    this.attempts = List.copyOf(attempts);
  }

  public List<Attempt> attempts() {
    return attempts;
  }

  private static String render(List<Attempt> attempts) {
    if (attempts.isEmpty()) return "";
    StringBuilder b = new StringBuilder(attempts.size() == 1 ? " (" : " (tried in order: ");
    for (int i = 0; i < attempts.size(); i++) b.append(i == 0 ? "" : "; ").append(attempts.get(i).render());
    return b.append(")").toString();
  }

  /** {@code s} with anything that looks like a JWT masked. */
  public static String scrub(String s) {
    return s == null ? "" : JWT.matcher(s).replaceAll("(token hidden)");
  }
}
