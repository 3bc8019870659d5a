package io.fluxstrap.git;

import io.fluxstrap.secret.Sensitive;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Run in a fresh JVM by {@link FreshHomeTest}: one read and one push, as the CLI's first command on
 * a new machine would do. Prints {@code ms=<elapsed>} and the pushed head.
 * Arguments: url, token ("-" for none), branch.
 */
public final class FreshHomeRun {
  private FreshHomeRun() {}

  public static void main(String[] args) {
    RemoteRepo.Credential credential =
        args[1].equals("-")
            ? new RemoteRepo.Credential.None()
            : new RemoteRepo.Credential.Token("git", Sensitive.of(args[1]));
    RemoteRepo repo = new RemoteRepo(args[0], credential, true, null);
    long start = System.nanoTime();
    JGitRemote remote = new JGitRemote(20);
    RemoteBranch before = remote.read(repo, args[2], "");
    PushResult pushed =
        remote.push(
            repo,
            new CommitChange(
                args[2],
                before.head(),
                "fresh machine",
                "Flux",
                "",
                List.of(new CommitChange.FileWrite("clusters/fresh/a.yaml", "a\n".getBytes(StandardCharsets.UTF_8), null))));
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("ms=" + ms + " head=" + pushed.head());
  }
}
