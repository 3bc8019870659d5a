package io.fluxstrap.cli;

import io.fluxstrap.diag.UserException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * What the command line says about state: {@code --state FILE} (local), {@code --state-backend}
 * and {@code --state-config KEY=VALUE} (repeatable; a later value wins), each overriding the
 * spec's {@code state:} block.
 */
record StateChoice(String stateFile, String backend, Map<String, String> config) {
  static final StateChoice NONE = new StateChoice(null, null, Map.of());

  StateChoice {
    config = Map.copyOf(config);
  }

  static StateChoice of(CommandLine line) {
    return new StateChoice(line.getOptionValue("state"), line.getOptionValue("state-backend"), of(line, "state-config"));
  }

  /** The KEY=VALUE pairs of a repeatable flag, e.g. --state-config. */
  static Map<String, String> of(CommandLine line, String flag) {
    Map<String, String> config = new LinkedHashMap<>();
    String[] given = line.getOptionValues(flag);
    if (given != null) {
      for (String kv : given) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new UserException("--" + flag + " takes KEY=VALUE (e.g. container=tfstate), not '" + kv + "'");
        config.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
    }
    return config;
  }
}
