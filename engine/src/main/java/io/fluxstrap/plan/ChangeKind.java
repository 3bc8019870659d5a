package io.fluxstrap.plan;

/** What a step does to its resource, with Terraform's symbols. */
public enum ChangeKind {
  CREATE("+", "will be created"),
  UPDATE("~", "will be updated in-place"),
  REPLACE("-/+", "will be replaced"),
  DELETE("-", "will be destroyed"),
  READ("<=", "will be read");

  private final String symbol;
  private final String phrase;

  ChangeKind(String symbol, String phrase) {
    this.symbol = symbol;
    this.phrase = phrase;
  }

  public String symbol() {
    return symbol;
  }

  public String phrase() {
    return phrase;
  }
}
