package io.fluxstrap.git;

import io.fluxstrap.testing.SshKeyFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a fresh JVM by {@link SshFreshHomeTest}, whose HOME holds a decoy ~/.ssh. Three SSH
 * operations, one result line each: {@code stranger=} (a key the server refuses), {@code
 * wrongPin=} (the right key, a wrong pinned host key), {@code ok=} (read and push with the right
 * key and pin: elapsed ms and the pushed head).
 * Arguments: url, branch, right known_hosts line, wrong known_hosts line, key file, its
 * fingerprint, stranger key file, its fingerprint.
 */
public final class SshFreshHomeRun {
  private SshFreshHomeRun() {}

  public static void main(String[] args) {
    String url = args[0];
    String branch = args[1];
    SshKeyFile key = new SshKeyFile(Path.of(args[4]), "", args[5]);
    SshKeyFile stranger = new SshKeyFile(Path.of(args[6]), "", args[7]);
    JGitRemote remote = new JGitRemote(20);
    System.out.println("stranger=" + outcome(() -> remote.read(repo(url, stranger, args[2]), branch, "")));
    System.out.println("wrongPin=" + outcome(() -> remote.read(repo(url, key, args[3]), branch, "")));
    long start = System.nanoTime();
    RemoteRepo repo = repo(url, key, args[2]);
    RemoteBranch before = remote.read(repo, branch, "");
    PushResult pushed =
        remote.push(
            repo,
            new CommitChange(
                branch,
                before.head(),
                "fresh machine",
                "Flux",
                "",
                List.of(new CommitChange.FileWrite("clusters/fresh/a.yaml", "a\n".getBytes(StandardCharsets.UTF_8), null))));
    System.out.println("ok=ms=" + (System.nanoTime() - start) / 1_000_000 + " head=" + pushed.head());
  }

  private static RemoteRepo repo(String url, SshKeyFile key, String knownHostsLine) {
    return new RemoteRepo(url, SshCredentials.of(key, List.of(knownHostsLine)), false, null);
  }

  private static String outcome(Runnable op) {
    try {
      op.run();
      return "succeeded";
    } catch (GitFailure e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' ');
    }
  }
}
