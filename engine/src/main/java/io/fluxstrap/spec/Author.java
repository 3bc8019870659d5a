package io.fluxstrap.spec;

/** Commit author; Flux's default name is {@code Flux}. Email may be empty. */
public record Author(String name, String email) {
  public static final Author DEFAULT = new Author("Flux", "");
}
