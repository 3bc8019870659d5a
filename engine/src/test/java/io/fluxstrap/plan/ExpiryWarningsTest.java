package io.fluxstrap.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.spec.Author;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpiryWarningsTest {
  static Spec expiring(LocalDate expires) {
    RepositorySpec r = new RepositorySpec("fleet", "https://dev.azure.com/o/p/_git/r", "main", Author.DEFAULT,
        new GitAuth.Token("git", "ADO_PAT", expires), false, null);
    return new Spec(Path.of("s.yaml"), "", "s", null, Map.of("fleet", r), Map.of());
  }

  @Test
  void warnsInsideTheWindowAndOncePastButNotBefore() {
    LocalDate today = LocalDate.of(2026, 11, 27);
    assertEquals(List.of(), ExpiryWarnings.of(expiring(today.plusDays(31)), today));
    assertEquals(List.of(), ExpiryWarnings.of(expiring(null), today));
    List<String> soon = ExpiryWarnings.of(expiring(today.plusDays(30)), today);
    assertEquals(1, soon.size());
    assertTrue(soon.get(0).contains("expires in 30 days (2026-12-27)") && soon.get(0).contains("ADO_PAT"), soon.get(0));
    List<String> past = ExpiryWarnings.of(expiring(today.minusDays(1)), today);
    assertTrue(past.get(0).contains("expired on 2026-11-26"), past.get(0));
  }
}
