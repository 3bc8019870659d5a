package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.plan.Addresses;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.SyncAuth;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Rotates the SSH keys fluxstrap generated: an apply with -replace on each (or the named)
 * cluster's ssh_key. The new public key is shown for registration and the secret is swapped only
 * after confirmation. (PATs need no command: a new PAT in the environment is planned as a rotation.)
 */
final class RotateCommand implements Command {
  private final ApplyCommand apply = new ApplyCommand();

  @Override
  public String name() {
    return "rotate";
  }

  @Override
  public String usage() {
    return "rotate -f SPEC [--cluster NAME]... [--auto-approve] [--key-registration=prompt|out-of-band] [--state FILE]";
  }

  @Override
  public String summary() {
    return "generate new SSH keys for clusters and swap them in after confirmation";
  }

  @Override
  public Options options() {
    return apply.options().addOption(Option.builder().longOpt("cluster").hasArg().argName("NAME").desc("only this cluster (repeatable)").get());
  }

  @Override
  public int run(CommandLine line, Io io) {
    if (!line.getArgList().isEmpty()) throw new UserException("rotate takes no plan file: fluxstrap rotate -f SPEC");
    Spec spec = new Workspace(io).loadSpec(Flags.requireFile(line, name()));
    String[] named = line.getOptionValues("cluster");
    Set<String> replace = new TreeSet<>();
    for (ClusterSpec c : spec.clusters().values()) {
      boolean generated = c.sync() instanceof SyncAuth.Ssh s && s.generate() != null;
      boolean wanted = named == null || List.of(named).contains(c.name());
      if (named != null && List.of(named).contains(c.name()) && !generated) {
        throw new UserException("--cluster " + c.name() + ": this cluster has no generated SSH key to rotate (sync.auth.ssh.key is not set)");
      }
      if (generated && wanted) replace.add(Addresses.sshKey(c.name()));
    }
    if (named != null) {
      for (String n : named) if (!spec.clusters().containsKey(n)) throw new UserException("--cluster " + n + ": no such cluster in " + spec.file());
    }
    if (replace.isEmpty()) throw new UserException("no cluster in " + spec.file() + " has a generated SSH key to rotate");
    return apply.run(line, io, replace);
  }
}
