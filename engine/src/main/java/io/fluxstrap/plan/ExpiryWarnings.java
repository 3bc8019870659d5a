package io.fluxstrap.plan;

import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure DevOps PATs live a year at most. When the spec records a token's expiry, plans warn
 * within {@value #WINDOW_DAYS} days of it and once it has passed, so rotation is planned, not
 * discovered by a failing sync.
 */
public final class ExpiryWarnings {
  public static final int WINDOW_DAYS = 30;

  private ExpiryWarnings() {}

  public static List<String> of(Spec spec, LocalDate today) {
    List<String> out = new ArrayList<>();
    for (RepositorySpec r : spec.repositories().values()) {
      if (!(r.auth() instanceof GitAuth.Token t) || t.expires() == null) continue;
      long days = ChronoUnit.DAYS.between(today, t.expires());
      if (days < 0) {
        out.add("the token of repository '" + r.name() + "' (" + t.env() + ") expired on " + t.expires()
            + ": create a new PAT, set it, update auth.token.expires and apply to rotate the cluster's secret");
      } else if (days <= WINDOW_DAYS) {
        out.add("the token of repository '" + r.name() + "' (" + t.env() + ") expires in " + days + " day" + (days == 1 ? "" : "s")
            + " (" + t.expires() + "): rotate it before then");
      }
    }
    return out;
  }
}
