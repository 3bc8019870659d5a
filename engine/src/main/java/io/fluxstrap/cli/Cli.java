package io.fluxstrap.cli;

import io.fluxstrap.apply.ClusterFailures;
import io.fluxstrap.apply.HealthFailure;
import io.fluxstrap.apply.Interrupted;
import io.fluxstrap.apply.StepFailure;
import io.fluxstrap.diag.Diagnostic;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.git.GitFailure;
import io.fluxstrap.kube.KubeFailure;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.ParseException;

/**
 * The command layer: parses arguments, runs one command, and is the only place that prints
 * errors. User errors are diagnostics and exit 1, without a stack trace.
 */
public final class Cli {
  private final Map<String, Command> commands = new LinkedHashMap<>();

  public Cli() {
    for (Command c : List.of(new ValidateCommand(), new PlanCommand(), new ApplyCommand(), new ShowCommand(),
        new StateCommand(), new ForceUnlockCommand(), new ImportCommand(), new DriftCommand(), new RotateCommand(), new DestroyCommand())) {
      commands.put(c.name(), c);
    }
  }

  public int run(String[] args, Io io) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      help(io);
      return args.length == 0 ? ExitCode.ERROR : ExitCode.OK;
    }
    if (args[0].equals("version") || args[0].equals("--version")) {
      io.out().println("fluxstrap " + Version.VERSION);
      return ExitCode.OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      io.err().println("error: unknown command '" + args[0] + "'; commands: " + String.join(", ", commands.keySet()));
      return ExitCode.ERROR;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      commandHelp(command, io);
      return ExitCode.OK;
    }
    try {
      CommandLine line = DefaultParser.builder().get().parse(command.options(), rest);
      return command.run(line, io);
    } catch (Rerun r) {
      return stopped(r.failure(), r.command(), io);
    } catch (ClusterFailures | Interrupted | StepFailure e) {
      return stopped(e, again(command), io);
    } catch (ParseException e) {
      io.err().println("error: " + lower(e.getMessage()) + " (see fluxstrap " + command.name() + " --help)");
    } catch (UserException e) {
      DiagnosticPrinter.print(e.diagnostics(), io);
    } catch (GitFailure | KubeFailure | HealthFailure e) {
      io.err().println("error: " + e.getMessage());
    } catch (RuntimeException e) {
      LastResort.report(e, io.err(), io.env());
    }
    return ExitCode.ERROR;
  }

  /** A run that failed or was interrupted after some steps: what is recorded, and what finishes it. */
  private static int stopped(RuntimeException e, String again, Io io) {
    if (e instanceof ClusterFailures f) {
      io.err().println("error: " + f.getMessage() + "; the others completed:");
      for (StepFailure s : f.failures()) io.err().println("  " + s.getMessage());
      io.err().println("  State records the " + f.completed() + " step(s) that finished; fix the causes and run " + again + " again to continue.");
    } else if (e instanceof Interrupted i) {
      io.err().println(i.getMessage() + "; run " + again + " again to finish");
      return Signals.current().exitCode();
    } else if (e instanceof StepFailure s) {
      io.err().println("error: " + s.getMessage());
      io.err().println("  State records the " + s.completed() + " step(s) finished before this one; fix the cause and run " + again + " again to continue.");
    }
    return ExitCode.ERROR;
  }

  /** What finishes a failed run: destroy a destroy, apply anything else. */
  private static String again(Command command) {
    return command.name().equals("destroy") ? "destroy" : "apply";
  }

  /** Paths under the working directory are shown relative to it, as the user typed them. */
  static Diagnostic relative(Diagnostic d, java.nio.file.Path workDir) {
    if (d.range() == null || d.range().file() == null || !d.range().file().isAbsolute()) return d;
    java.nio.file.Path f = d.range().file().normalize();
    if (!f.startsWith(workDir)) return d;
    var range = new io.fluxstrap.diag.SourceRange(workDir.relativize(f), d.range().line(), d.range().column());
    return new Diagnostic(d.severity(), d.summary(), d.detail(), range);
  }

  private static String lower(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private void help(Io io) {
    io.out().println("fluxstrap " + Version.VERSION + " - bootstrap Flux CD declaratively: plan, then apply.\n");
    io.out().println("Usage: fluxstrap COMMAND [flags]\n\nCommands:");
    for (Command c : commands.values()) io.out().printf("  %-14s %s%n", c.name(), c.summary());
    io.out().printf("  %-14s %s%n", "version", "print the version");
    io.out().println("\nRun fluxstrap COMMAND --help for its flags.");
  }

  private static void commandHelp(Command c, Io io) {
    PrintWriter w = new PrintWriter(io.out(), true);
    HelpFormatter f = HelpFormatter.builder().setPrintWriter(w).get();
    f.printHelp("fluxstrap " + c.usage(), c.summary(), c.options(), "", false);
    w.flush();
  }
}
