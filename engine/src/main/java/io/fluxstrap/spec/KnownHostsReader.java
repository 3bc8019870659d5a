package io.fluxstrap.spec;

import java.util.List;

/** Reads a {@code knownHosts} value: each problem at its line inside the block (see {@link KnownHosts}). */
final class KnownHostsReader {
  private final ReadContext in;

  KnownHostsReader(ReadContext in) {
    this.in = in;
  }

  /**
   * The pinned known_hosts text at {@code at}, or null when absent. {@code azureDevOps}: the host
   * is Azure DevOps, whose host key is RSA, so a pin without an RSA key would refuse it.
   */
  String read(String at, boolean azureDevOps) {
    String text = in.text(at, null);
    if (text == null) return null;
    List<KnownHosts.Problem> problems = KnownHosts.check(text);
    for (KnownHosts.Problem p : problems) {
      if (p.line() == 0) in.error(at, "knownHosts has " + p.message());
      else in.errorAtLine(at, p.line(), "knownHosts line " + p.line() + ": " + p.message());
    }
    if (problems.isEmpty() && azureDevOps && KnownHosts.entries(text).stream().noneMatch(e -> e.keyType().equals("ssh-rsa"))) {
      in.error(at, "the SSH host key of Azure DevOps is RSA; knownHosts pins no ssh-rsa key, so the host would be refused");
    }
    return text;
  }
}
