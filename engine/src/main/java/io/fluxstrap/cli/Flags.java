package io.fluxstrap.cli;

import io.fluxstrap.fleet.Scheduler;
import io.fluxstrap.plan.PlanMaker;
import io.fluxstrap.plan.Targets;
import io.fluxstrap.spec.Spec;

import io.fluxstrap.diag.UserException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** Flags shared by several commands, and the parsing of their values. */
final class Flags {
  private Flags() {}

  static Option file() {
    return Option.builder("f").longOpt("file").hasArg().argName("SPEC").desc("the spec file (YAML)").get();
  }

  static Option state() {
    return Option.builder().longOpt("state").hasArg().argName("FILE").desc("state file (default: the spec's state.path, else state/<name>.state.json)").get();
  }

  static Option stateBackend() {
    return Option.builder().longOpt("state-backend").hasArg().argName("NAME")
        .desc("where state lives: local, azurerm or kubernetes (default: the spec's state.backend, else local)").get();
  }

  static Option stateConfig() {
    return Option.builder().longOpt("state-config").hasArg().argName("KEY=VALUE")
        .desc("a state backend setting over the spec's (e.g. container=tfstate, namespace=flux-state, encryption_key_env=VAR); repeatable").get();
  }

  static Option json() {
    return Option.builder().longOpt("json").desc("machine-readable JSON on stdout (schemas/plan.schema.json)").get();
  }

  static Option noColor() {
    return Option.builder().longOpt("no-color").desc("plain output (also when NO_COLOR is set or not on a terminal)").get();
  }

  static Option refresh() {
    return Option.builder().longOpt("refresh").hasArg().argName("BOOL").desc("read the live repository and cluster first (default true)").get();
  }

  static Option replace() {
    return Option.builder("replace").longOpt("replace").hasArg().argName("ADDRESS")
        .desc("plan to replace ADDRESS: a cluster's generated key (cluster.NAME.ssh_key: a new key and a secret update) or a host key (ssh_host.HOST: scan again); repeatable").get();
  }

  static Option acceptHostKey() {
    return Option.builder().longOpt("accept-host-key")
        .desc("trust the SSH host key scanned now when the spec pins none and state records none (the plan shows its fingerprint)").get();
  }

  static Option keyRegistration() {
    return Option.builder().longOpt("key-registration").hasArg().argName("MODE")
        .desc("how a generated key's public key gets registered: prompt (default: show it and wait for confirmation on a terminal) or out-of-band (a pipeline registers it; apply does not wait)").get();
  }

  /** The planning flags shared by plan, apply and rotate. */
  static PlanMaker.Options planOptions(CommandLine line, java.util.Set<String> extraReplace) {
    return planOptions(line, extraReplace, line.hasOption("destroy"));
  }

  /** {@code destroyAll}: destroy every cluster in state (or the -target ones), plan nothing else. */
  static PlanMaker.Options planOptions(CommandLine line, java.util.Set<String> extraReplace, boolean destroyAll) {
    java.util.Set<String> replace = new java.util.TreeSet<>(extraReplace);
    String[] given = line.getOptionValues("replace");
    if (given != null) for (String a : given) replace.add(a.strip());
    return new PlanMaker.Options(bool(line, "refresh", true), replace, line.hasOption("accept-host-key"),
        java.time.LocalDate.now(java.time.ZoneOffset.UTC), teardown(line, destroyAll))
        .upgrades(line.hasOption("allow-downgrade"), line.hasOption("skip-api-check"));
  }

  static Option allowDowngrade() {
    return Option.builder().longOpt("allow-downgrade").desc("plan a Flux version older than the one installed (refused otherwise)").get();
  }

  static Option skipApiCheck() {
    return Option.builder().longOpt("skip-api-check")
        .desc("plan a Flux upgrade even when custom resources are still stored in API versions the new release drops (run `flux migrate` first instead)").get();
  }

  /** -target=cluster.NAME (repeatable). */
  static Option target() {
    return Option.builder("target").longOpt("target").hasArg().argName("cluster.NAME")
        .desc("only this cluster and its repository (repeatable); the others are not read or changed. The result is partial: not for routine use").get();
  }

  /** The flags shaping how clusters are destroyed (destroy, plan -destroy, and apply for clusters removed from the spec). */
  static java.util.List<Option> teardown() {
    return java.util.List.of(
        Option.builder().longOpt("prune-workloads").desc("destroying: also delete what Flux applied from the repository (its Kustomization's inventory); off by default").get(),
        Option.builder().longOpt("keep-crds").desc("destroying: keep the Flux CRDs and every custom resource").get(),
        Option.builder().longOpt("keep-namespace").desc("destroying: keep the Flux namespace").get(),
        Option.builder().longOpt("keep-repository-files").desc("destroying: leave <path>/flux-system/ in the repository").get());
  }

  static io.fluxstrap.plan.Teardown teardown(CommandLine line, boolean all) {
    String[] targets = line.getOptionValues("target");
    return new io.fluxstrap.plan.Teardown(all, line.hasOption("prune-workloads"), line.hasOption("keep-crds"), line.hasOption("keep-namespace"),
        line.hasOption("keep-repository-files"), io.fluxstrap.plan.Targets.clusters(targets == null ? java.util.List.of() : java.util.List.of(targets)));
  }

  static boolean outOfBand(CommandLine line) {
    String v = line.getOptionValue("key-registration", "prompt");
    if (v.equals("prompt")) return false;
    if (v.equals("out-of-band")) return true;
    throw new UserException("--key-registration takes prompt or out-of-band, not '" + v + "'");
  }

  static Option refreshOnly() {
    return Option.builder().longOpt("refresh-only").desc("only read what is live and record it in state; change no cluster or repository").get();
  }

  static Option parallelism() {
    return Option.builder("parallelism").longOpt("parallelism").hasArg().argName("N")
        .desc("work on N clusters at once: refresh, drift and the cluster steps of apply (default " + Scheduler.DEFAULT_PARALLELISM
            + "); repository work stays one commit and one push per repository").get();
  }

  static int parallelism(CommandLine line) {
    String v = line.getOptionValue("parallelism");
    if (v == null) return Scheduler.DEFAULT_PARALLELISM;
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1 && n <= MAX_PARALLELISM) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserException("-parallelism takes a whole number from 1 to " + MAX_PARALLELISM + ", not '" + v + "'");
  }

  private static final int MAX_PARALLELISM = 256;

  /** The -target values (syntax checked; existence is checked against spec and state by the plan). */
  static Targets targets(CommandLine line) {
    String[] given = line.getOptionValues("target");
    return Targets.of(given == null ? java.util.List.of() : java.util.List.of(given));
  }

  static Option autoApprove() {
    return Option.builder().longOpt("auto-approve").desc("do not ask for confirmation").get();
  }

  /** --refresh-only reads what is live and plans nothing else: flags that say otherwise are contradictions. */
  static void checkRefreshOnly(CommandLine line) {
    if (!line.hasOption("refresh-only")) return;
    if (!bool(line, "refresh", true)) throw new UserException("--refresh-only reads what is live; it cannot be combined with --refresh=false");
    if (line.hasOption("replace")) throw new UserException("--refresh-only changes only state; it cannot be combined with -replace");
  }

  static boolean bool(CommandLine line, String flag, boolean dflt) {
    String v = line.getOptionValue(flag);
    if (v == null) return dflt;
    if (v.equals("true")) return true;
    if (v.equals("false")) return false;
    throw new UserException("--" + flag + " takes true or false, not '" + v + "'");
  }

  static String requireFile(CommandLine line, String command) {
    String f = line.getOptionValue("f");
    if (f == null) throw new UserException("fluxstrap " + command + " needs a spec: -f SPEC");
    return f;
  }

  static Style style(CommandLine line, Io io) {
    return new Style(io.color() && !line.hasOption("no-color"));
  }
}
