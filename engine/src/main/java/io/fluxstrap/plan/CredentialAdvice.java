package io.fluxstrap.plan;

import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;

/**
 * What to do when a repository's credential is refused, naming the credential (the environment
 * variable the spec reads it from, and the repository) so the person knows which one to replace.
 * Shared by the refresh (reads) and the pre-apply push check.
 */
public final class CredentialAdvice {
  private CredentialAdvice() {}

  public static String of(RepositorySpec r) {
    if (r.auth() instanceof GitAuth.Token t) {
      return "The credential is the personal access token in " + t.env() + " for repository '" + r.name() + "' (" + r.url()
          + "): create a new PAT with Code read & write scope, set " + t.env() + " to it (or pipe it on stdin), and run again"
          + " (the next plan then rotates the cluster's secret too)";
    }
    if (r.auth() instanceof GitAuth.Entra e) {
      return "The credential is the Entra ID token (" + (e.source() == null ? "default chain" : "source " + e.source()) + ") for repository '"
          + r.name() + "' (" + r.url() + "): add the identity as a user of the Azure DevOps organisation (access level Basic) "
          + "with Code (read & write) on the project, or sign in as an identity that has it";
    }
    if (r.auth() instanceof GitAuth.SshKey k) {
      return "The credential is the SSH key " + k.file() + " for repository '" + r.name() + "' (" + r.url()
          + "): register its public key for a user with push rights on the repository, or use a key that has them";
    }
    return "Repository '" + r.name() + "' (" + r.url() + ") has no credential configured: check that it is writable";
  }
}
