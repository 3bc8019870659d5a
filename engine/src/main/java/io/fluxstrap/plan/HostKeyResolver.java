package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.GitAuth;
import io.fluxstrap.spec.RepositorySpec;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.spec.SyncAuth;
import io.fluxstrap.ssh.HostKey;
import io.fluxstrap.ssh.KnownHosts;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Decides which SSH host keys to trust, never trusting on first use silently: a key pinned in the
 * spec wins; else the one recorded in state; else the host is scanned — allowed for a cluster's
 * known_hosts (what Flux does, and the plan shows it), but for the CLI's own SSH connection only
 * with --accept-host-key. New or changed trust becomes a plan step, recorded in state by apply.
 */
public final class HostKeyResolver {
  /** Reads a host's key over the network (ssh.HostKeyScanner in production). */
  public interface Scanner {
    HostKey scan(String host, int port);
  }

  /** Who uses an endpoint: whether the CLI itself connects, and the pins that apply to it. */
  private record Use(SshEndpoint endpoint, boolean cliConnects, List<String> pins, List<String> pinnedBy) {}

  public record Result(TrustedHosts hosts, List<Step> steps) {
    public Result {
      steps = List.copyOf(steps);
    }
  }

  /** Resolves every endpoint of the spec; scans only when neither pinned nor recorded (or replaced). */
  public Result resolve(Spec spec, State state, Set<String> replace, boolean acceptScanned, Supplier<Scanner> scanner) {
    Map<SshEndpoint, TrustedHosts.Trusted> hosts = new TreeMap<>();
    List<Step> steps = new ArrayList<>();
    for (Use use : uses(spec, state).values()) {
      String address = Addresses.sshHost(use.endpoint());
      ResourceState recorded = state.resource(address);
      List<String> recordedLines = recorded == null ? List.of() : lines(recorded.get("known_hosts"));
      boolean replacing = replace.contains(address);
      TrustedHosts.Trusted trusted;
      String why;
      if (!use.pins().isEmpty()) {
        if (replacing) throw new UserException("-replace=" + address + ": its key is pinned in the spec (" + String.join(", ", use.pinnedBy()) + "); edit the pin instead");
        trusted = trusted(use.endpoint(), matching(use), TrustedHosts.Source.PINNED);
        why = recordedLines.isEmpty() ? "pinned in the spec" : recordedLines.equals(trusted.knownHosts()) ? null : "the pinned key changed in the spec";
      } else if (!recordedLines.isEmpty() && !replacing) {
        trusted = trusted(use.endpoint(), recordedLines, TrustedHosts.Source.STATE);
        why = null;
      } else {
        HostKey scanned = scanner.get().scan(use.endpoint().host(), use.endpoint().port());
        if (use.cliConnects() && !acceptScanned) {
          throw new UserException("the SSH host key of " + use.endpoint().display() + " is not known: it is neither pinned in the spec nor recorded in state."
              + " The host presented " + scanned.keyType() + " " + scanned.fingerprint() + ". Check it against the host's published fingerprint,"
              + " then pin it (knownHosts under the repository's auth.sshKey) or re-run with --accept-host-key to trust it");
        }
        trusted = trusted(use.endpoint(), List.of(scanned.line()),
            use.cliConnects() ? TrustedHosts.Source.ACCEPTED : TrustedHosts.Source.SCANNED);
        why = (replacing ? "replacement requested: " : "")
            + "scanned from " + use.endpoint().display() + (use.cliConnects() ? " and accepted with --accept-host-key" : "");
      }
      hosts.put(use.endpoint(), trusted);
      if (why != null) steps.add(step(address, recorded, recordedLines, trusted, why));
    }
    return new Result(new TrustedHosts(hosts), steps);
  }

  /** For applying a saved plan: pins, state, and the plan's own trust steps; never scans. */
  public static TrustedHosts fromPlan(Spec spec, State state, Plan plan) {
    Map<SshEndpoint, TrustedHosts.Trusted> hosts = new TreeMap<>();
    for (Use use : uses(spec, state).values()) {
      String address = Addresses.sshHost(use.endpoint());
      Action.TrustHostKey planned = plan.steps().stream().map(Step::action)
          .filter(a -> a instanceof Action.TrustHostKey t && new SshEndpoint(t.host(), t.port()).equals(use.endpoint()))
          .map(a -> (Action.TrustHostKey) a).findFirst().orElse(null);
      if (planned != null) {
        hosts.put(use.endpoint(), trusted(use.endpoint(), planned.knownHosts(), TrustedHosts.Source.PLAN));
      } else if (!use.pins().isEmpty()) {
        hosts.put(use.endpoint(), trusted(use.endpoint(), matching(use), TrustedHosts.Source.PINNED));
      } else {
        ResourceState recorded = state.resource(address);
        if (recorded == null) throw new UserException("stale plan: no host key is known for " + use.endpoint().display() + "; run plan again");
        hosts.put(use.endpoint(), trusted(use.endpoint(), lines(recorded.get("known_hosts")), TrustedHosts.Source.STATE));
      }
    }
    return new TrustedHosts(hosts);
  }

  private static Step step(String address, ResourceState recorded, List<String> recordedLines, TrustedHosts.Trusted t, String why) {
    Map<String, String> before = new LinkedHashMap<>();
    if (recorded != null) {
      before.put("fingerprint", recorded.get("fingerprint"));
      before.put("known_hosts", String.join("\n", recordedLines));
    }
    Map<String, String> after = new LinkedHashMap<>();
    after.put("fingerprint", t.fingerprint());
    after.put("known_hosts", String.join("\n", t.knownHosts()));
    after.put("source", t.source().name().toLowerCase(java.util.Locale.ROOT));
    ChangeKind kind = recorded == null ? ChangeKind.CREATE : t.source() == TrustedHosts.Source.PINNED ? ChangeKind.UPDATE : ChangeKind.REPLACE;
    return new Step(address, kind, why,
        new Action.TrustHostKey(t.endpoint().host(), t.endpoint().port(), t.fingerprint(), t.knownHosts()), before, after);
  }

  private static TrustedHosts.Trusted trusted(SshEndpoint e, List<String> lines, TrustedHosts.Source source) {
    List<HostKey> keys = KnownHosts.parse(String.join("\n", lines));
    return new TrustedHosts.Trusted(e, keys.stream().map(HostKey::line).toList(), keys.get(0).fingerprint(), source);
  }

  private static List<String> matching(Use use) {
    List<String> out = new ArrayList<>();
    for (String pin : use.pins()) {
      for (HostKey k : KnownHosts.parse(pin)) {
        if (k.matches(use.endpoint().host(), use.endpoint().port()) && !out.contains(k.line())) out.add(k.line());
      }
    }
    if (out.isEmpty()) {
      String name = use.endpoint().port() == SshEndpoint.DEFAULT_PORT ? use.endpoint().host() : "[" + use.endpoint().host() + "]:" + use.endpoint().port();
      throw new UserException("knownHosts of " + String.join(", ", use.pinnedBy()) + " has no entry for " + use.endpoint().display()
          + " (a line must start with " + name + ")");
    }
    return out;
  }

  private static List<String> lines(String text) {
    if (text == null || text.isBlank()) return List.of();
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * The ssh_host records state holds that nothing in the spec uses (no repository with an SSH key,
   * no cluster syncing over SSH, at that host and port): planned to be forgotten, state only.
   */
  static List<Step> unused(Spec spec, State state) {
    java.util.Set<String> used = new java.util.HashSet<>();
    uses(spec, state).keySet().forEach(e -> used.add(Addresses.sshHost(e)));
    for (RepositorySpec r : spec.repositories().values()) {
      if (r.auth() instanceof GitAuth.SshKey) used.add(Addresses.sshHost(SshEndpoint.ofUrl(r.url())));
    }
    List<Step> steps = new ArrayList<>();
    for (var e : state.resources().entrySet()) {
      String address = e.getKey();
      if (!address.startsWith("ssh_host.") || used.contains(address)) continue;
      SshEndpoint endpoint = endpoint(address.substring("ssh_host.".length()));
      if (endpoint == null || !Addresses.sshHost(endpoint).equals(address)) continue; // not one we can name again: left alone
      Map<String, String> before = new LinkedHashMap<>();
      if (e.getValue().get("fingerprint") != null) before.put("fingerprint", e.getValue().get("fingerprint"));
      steps.add(new Step(address, ChangeKind.DELETE, address + " is in state but no repository or cluster in the spec uses it;"
          + " only the record is forgotten", new Action.ForgetHostKey(endpoint.host(), endpoint.port()), before, Map.of()));
    }
    return steps;
  }

  /** {@code host} or {@code host:port}, as {@link SshEndpoint#display()} writes it; null when not so. */
  private static SshEndpoint endpoint(String display) {
    int colon = display.lastIndexOf(':');
    try {
      if (colon > 0 && display.indexOf(':') == colon) return new SshEndpoint(display.substring(0, colon), Integer.parseInt(display.substring(colon + 1)));
      return new SshEndpoint(display, SshEndpoint.DEFAULT_PORT);
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  /**
   * Every SSH endpoint of the spec: repositories with an SSH key that a cluster of the spec uses or
   * that still hold a folder of a cluster state records (destroyed, or moved away: the CLI pushes
   * its removal there), and clusters syncing over SSH.
   */
  private static Map<SshEndpoint, Use> uses(Spec spec, State state) {
    Map<SshEndpoint, Use> uses = new TreeMap<>();
    java.util.Set<String> holding = holdingFolders(state);
    for (RepositorySpec r : spec.repositories().values()) {
      if (!(r.auth() instanceof GitAuth.SshKey k)) continue;
      boolean used = holding.contains(r.name()) || spec.clusters().values().stream().anyMatch(c -> c.repository().equals(r.name()));
      if (!used) continue;
      add(uses, SshEndpoint.ofUrl(r.url()), true, k.knownHosts(), r.address());
    }
    for (ClusterSpec c : spec.clusters().values()) {
      if (!(c.sync() instanceof SyncAuth.Ssh s)) continue;
      RepositorySpec r = spec.repositoryOf(c);
      SshEndpoint e = SshEndpoint.ofUrl(DesiredBuilder.syncUrl(c, r));
      String pin = s.knownHosts();
      if (pin == null && r.auth() instanceof GitAuth.SshKey k && SshEndpoint.ofUrl(r.url()).equals(e)) pin = k.knownHosts();
      add(uses, e, false, pin, c.address());
    }
    return uses;
  }

  /** Repositories in which state records a cluster's folder (where it is, or where a move left it). */
  private static java.util.Set<String> holdingFolders(State state) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String cluster : Addresses.clustersIn(state)) {
      Location at = Location.recorded(state, cluster);
      if (at != null) out.add(at.repository());
      Location from = Location.movedFrom(state, cluster);
      if (from != null) out.add(from.repository());
    }
    return out;
  }

  private static void add(Map<SshEndpoint, Use> uses, SshEndpoint e, boolean cli, String pin, String who) {
    Use old = uses.get(e);
    List<String> pins = new ArrayList<>(old == null ? List.of() : old.pins());
    List<String> by = new ArrayList<>(old == null ? List.of() : old.pinnedBy());
    if (pin != null && !pin.isBlank()) {
      pins.add(pin);
      by.add(who);
    }
    uses.put(e, new Use(e, cli || (old != null && old.cliConnects()), pins, by));
  }
}
