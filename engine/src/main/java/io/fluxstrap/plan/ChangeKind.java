package io.fluxstrap.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a step does to its resource, with Terraform's symbols. */
public enum ChangeKind {
  @JsonProperty("create")
  CREATE("+", "will be created"),
  @JsonProperty("update")
  UPDATE("~", "will be updated in-place"),
  @JsonProperty("replace")
  REPLACE("-/+", "will be replaced"),
  @JsonProperty("delete")
  DELETE("-", "will be destroyed"),
  @JsonProperty("read")
  READ("<=", "will be checked");

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
