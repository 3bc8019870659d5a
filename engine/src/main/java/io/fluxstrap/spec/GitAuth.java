package io.fluxstrap.spec;

import java.time.LocalDate;

/** How the CLI authenticates to Git. The SSH flows add a permitted type in a later change. */
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
}
