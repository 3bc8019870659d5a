package io.fluxstrap.git;

/** The branch head after a push, and whether a commit was made (false: the files were already so). */
public record PushResult(String head, boolean committed) {}
