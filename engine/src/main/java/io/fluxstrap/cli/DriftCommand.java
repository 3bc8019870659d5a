package io.fluxstrap.cli;

import io.fluxstrap.cli.view.DriftJson;
import io.fluxstrap.cli.view.DriftJunit;
import io.fluxstrap.cli.view.DriftMarkdown;
import io.fluxstrap.cli.view.DriftView;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.drift.DriftDetector;
import io.fluxstrap.drift.DriftReport;
import io.fluxstrap.drift.Unit;
import io.fluxstrap.plan.Connections;
import io.fluxstrap.plan.ExpiryWarnings;
import io.fluxstrap.plan.Targets;
import io.fluxstrap.spec.Spec;
import io.fluxstrap.state.State;
import io.fluxstrap.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Read-only drift detection for schedules and pipelines. Changes nothing: reads state without the
 * lock (a running apply's lock is a note), opens a sandbox read-only, never creates a repository.
 * Exit 1 on any error, else 2 on drift, else 0. Report files are the only writes.
 */
final class DriftCommand implements Command {
  @Override
  public String name() {
    return "drift";
  }

  @Override
  public String usage() {
    return "drift -f SPEC [--state FILE] [--json] [--junit FILE] [--markdown FILE] [--expiry-warning-days N] [-target=cluster.NAME]... [-parallelism=N]";
  }

  @Override
  public String summary() {
    return "compare spec, state and what is live; report drift (changes nothing; exit 2 on drift, 1 on error)";
  }

  @Override
  public Options options() {
    return new Options().addOption(Flags.file()).addOption(Flags.state()).addOption(Flags.stateBackend()).addOption(Flags.stateConfig()).addOption(Flags.noColor())
        .addOption(Flags.target()).addOption(Flags.parallelism())
        .addOption(Option.builder().longOpt("json").desc("the report as JSON on stdout (schemas/drift.schema.json)").get())
        .addOption(Option.builder().longOpt("junit").hasArg().argName("FILE").desc("also write the report as JUnit XML (one test case per check)").get())
        .addOption(Option.builder().longOpt("markdown").hasArg().argName("FILE").desc("also write the report as Markdown (for a pull request comment)").get())
        .addOption(Option.builder().longOpt("expiry-warning-days").hasArg().argName("N")
            .desc("warn when a token expires within N days (default " + ExpiryWarnings.WINDOW_DAYS + ")").get());
  }

  @Override
  public int run(CommandLine line, Io io) {
    Workspace ws = new Workspace(io);
    Spec full = ws.loadSpec(Flags.requireFile(line, name()));
    Targets targets = Flags.targets(line);
    Spec spec = targets.limit(full);
    int parallelism = Flags.parallelism(line);
    int window = days(line.getOptionValue("expiry-warning-days"));
    var credentials = ws.credentials(spec);
    StateStore store = ws.store(full, StateChoice.of(line));
    State state = Workspace.readOrEmpty(store); // read without the lock: drift never writes
    targets.check(full, state);
    DriftReport report;
    List<String> notes = notes(store);
    if (!targets.all()) notes.add(Targets.DRIFT_NOTE);
    try (Connections connections = ws.readOnlyConnections(credentials).withParallelism(parallelism)) {
      report = new DriftDetector(connections, ws.components(), msg -> io.err().println(msg),
          new DriftDetector.Options(LocalDate.now(ZoneOffset.UTC), window))
          .detect(spec, state, store.describe(), notes);
    }
    if (!targets.all()) {
      // clusters left out by -target are not "in state but not in the spec": drop what says so
      report = new DriftReport(report.specName(), report.specFile(), report.stateFile(), report.stateLineage(), report.stateSerial(),
          report.notes(), report.units().stream()
              .filter(u -> u.kind() != Unit.Kind.CLUSTER || targets.clusters().contains(u.name())).toList());
    }
    if (line.hasOption("junit")) write(ws.resolve(line.getOptionValue("junit")), DriftJunit.render(report));
    if (line.hasOption("markdown")) write(ws.resolve(line.getOptionValue("markdown")), DriftMarkdown.render(report));
    if (line.hasOption("json")) io.out().print(DriftJson.render(report));
    else io.out().print(new DriftView(Flags.style(line, io)).render(report));
    return report.exitCode();
  }

  private static int days(String value) {
    if (value == null) return ExpiryWarnings.WINDOW_DAYS;
    try {
      int n = Integer.parseInt(value);
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserException("--expiry-warning-days takes a whole number of days (0 or more), not '" + value + "'");
  }

  /** A held lock means an apply may be running: worth saying, not an error. The lock is only read. */
  private static List<String> notes(StateStore store) {
    List<String> notes = new ArrayList<>();
    try {
      store.currentLock().ifPresent(l -> notes.add("state is locked by " + l.who() + " since " + l.created() + " for " + l.operation()
          + ": an apply may be running, so what is live may be changing"));
    } catch (UserException e) {
      notes.add("state is locked (" + e.getMessage() + "): an apply may be running, so what is live may be changing");
    }
    return notes;
  }

  /** Atomically: a pipeline never reads half a report. */
  private static void write(Path file, String content) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UserException("cannot write report " + file + ": " + e.getMessage());
    }
  }
}
