package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.SyncAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What -replace may name: a generated key (cluster.X.ssh_key) or a scanned host key (ssh_host.H). */
final class Replacements {
  private Replacements() {}

  static void check(Spec spec, Set<String> replace) {
    if (replace.isEmpty()) return;
    Set<String> allowed = new TreeSet<>();
    for (ClusterSpec c : spec.clusters().values()) {
      if (!(c.sync() instanceof SyncAuth.Ssh s)) continue;
      if (s.generate() != null) allowed.add(Addresses.sshKey(c.name()));
      allowed.add(Addresses.sshHost(SshEndpoint.ofUrl(DesiredBuilder.syncUrl(c, spec.repositoryOf(c)))));
    }
    for (var r : spec.repositories().values()) {
      if (r.auth() instanceof io.fluxstrap.spec.GitAuth.SshKey) allowed.add(Addresses.sshHost(SshEndpoint.ofUrl(r.url())));
    }
    List<String> unknown = new ArrayList<>();
    for (String a : new TreeSet<>(replace)) if (!allowed.contains(a)) unknown.add(a);
    if (unknown.isEmpty()) return;
    throw new UserException("-replace: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
        + " not replaceable in this spec; "
        + (allowed.isEmpty() ? "only generated SSH keys (cluster.<name>.ssh_key) and SSH host keys (ssh_host.<host>) can be replaced, and this spec has none"
            : "replaceable: " + String.join(", ", allowed)));
  }
}
