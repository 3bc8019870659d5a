package io.fluxstrap.cli;

/** ANSI styling that disappears when output is plain (not a terminal, NO_COLOR, --no-color). */
public record Style(boolean enabled) {
  public String green(String s) {
    return wrap("32", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String cyan(String s) {
    return wrap("36", s);
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  private String wrap(String code, String s) {
    return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
