package io.fluxstrap.cli;

import io.fluxstrap.apply.KeyRegistration;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.GitUrls;
import java.net.URI;

/**
 * Shows a generated public key with what to do with it, on stdout (a pipeline can capture it), and
 * waits for "yes" on a terminal; with --key-registration=out-of-band it does not wait.
 */
final class KeyRegistrationPrompt implements KeyRegistration {
  private final Io io;
  private final Style style;
  private final boolean outOfBand;

  KeyRegistrationPrompt(Io io, Style style, boolean outOfBand) {
    this.io = io;
    this.style = style;
    this.outOfBand = outOfBand;
  }

  @Override
  public Outcome register(NewKey key) {
    String host = URI.create(key.syncUrl()).getHost();
    io.out().println();
    io.out().println(style.bold("SSH key generated for cluster " + key.cluster() + " (" + key.algorithm() + "): " + key.fingerprint()));
    io.out().println();
    io.out().println(key.publicKey().strip());
    io.out().println();
    if (GitUrls.isAzureDevOpsSshHost(host)) {
      io.out().println("Add it to the SSH public keys of the user whose PAT this is (Azure DevOps: User settings > SSH public keys > New key),");
    } else {
      io.out().println("Add it to " + host + " as an SSH key with read access to the repository,");
    }
    io.out().println("so that Flux can pull " + key.syncUrl() + ".");
    if (outOfBand) {
      io.out().println("Not waiting (--key-registration=out-of-band): the public key is recorded in state as cluster." + key.cluster() + ".ssh_key.");
      return Outcome.OUT_OF_BAND;
    }
    io.out().println("\nHave you added the key? Only 'yes' continues.\n");
    String answer = io.terminal().readLine("  Enter a value: ");
    if (!"yes".equals(answer == null ? null : answer.strip())) {
      throw new UserException("the key was not confirmed, so it was discarded and nothing else was changed; run apply again when you are ready");
    }
    return Outcome.CONFIRMED;
  }
}
