package io.fluxstrap.spec;

import java.nio.file.Path;
import java.time.LocalDate;

/** How the CLI authenticates to Git. */
public sealed interface GitAuth {
  /** No credentials: a local repository (file:// or a path), used by the sandbox. */
  record None() implements GitAuth {}

  /**
   * A personal access token used as the HTTPS password. The value is read at run time from the
   * environment variable {@code env} (default {@code GIT_PASSWORD}), one line on stdin, or a prompt;
   * never from the spec. {@code expires} may be null.
   */
  record Token(String username, String env, LocalDate expires) implements GitAuth {
    public static final String DEFAULT_ENV = "GIT_PASSWORD";
    public static final String DEFAULT_USERNAME = "git";
  }

  /**
   * A Microsoft Entra ID access token for Azure DevOps, sent as {@code Authorization: Bearer}.
   * {@code source} is a key of the Entra sources ({@code azurePipelines}, {@code workloadIdentity},
   * {@code managedIdentity}, {@code environment}, {@code azureCli}) or null for the default chain;
   * the ids may be null (the source's own environment then decides). No secret here.
   */
  record Entra(String source, String tenantId, String clientId, String serviceConnectionId) implements GitAuth {}

  /**
   * An existing private key file for an {@code ssh://} repository (flow 3). {@code file} is
   * resolved against the spec's folder. When the key is encrypted its passphrase is read at run
   * time from {@code passphraseEnv} (default {@code SSH_KEY_PASSPHRASE}), one line on stdin, or a
   * prompt; never from the spec. {@code knownHosts} (known_hosts lines pinning the SSH host's key)
   * may be null: then the host key must be accepted explicitly or come from state.
   */
  record SshKey(Path file, String passphraseEnv, String knownHosts) implements GitAuth {
    public static final String DEFAULT_PASSPHRASE_ENV = "SSH_KEY_PASSPHRASE";
  }
}
