package io.fluxstrap.cli;

import io.fluxstrap.secret.Sensitive;
import java.io.Console;

/** The person at the keyboard, when there is one. Tests pass their own. */
public interface Terminal {
  /** True when stdin and stdout are a terminal: prompting is possible. */
  boolean interactive();

  /** Prompts and reads a line with echo; null at end of input. */
  String readLine(String prompt);

  /** Prompts and reads a line without echo. */
  Sensitive readSecret(String prompt);

  static Terminal system() {
    Console console = System.console();
    return new Terminal() {
      @Override
      public boolean interactive() {
        return console != null;
      }

      @Override
      public String readLine(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
      }

      @Override
      public Sensitive readSecret(String prompt) {
        char[] chars = console == null ? null : console.readPassword("%s", prompt);
        if (chars == null) return null;
        Sensitive s = Sensitive.of(new String(chars));
        java.util.Arrays.fill(chars, '\0');
        return s;
      }
    };
  }

  /** No terminal: for CI and tests. */
  Terminal NONE = new Terminal() {
    @Override
    public boolean interactive() {
      return false;
    }

    @Override
    public String readLine(String prompt) {
      return null;
    }

    @Override
    public Sensitive readSecret(String prompt) {
      return null;
    }
  };
}
