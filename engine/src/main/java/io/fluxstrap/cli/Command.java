package io.fluxstrap.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One subcommand: its flags, and what it does with them. Returns the exit code. */
interface Command {
  String name();

  String usage();

  String summary();

  Options options();

  int run(CommandLine line, Io io);
}
