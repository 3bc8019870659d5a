package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code git} binary, as a user would run it, to check from the outside what our code
 * pushed (and to push behind its back). Every run uses an isolated {@code HOME} with a fixed
 * identity, no system config and no prompts, has a timeout, and captures its output.
 */
public final class GitCli {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static GitCli bare;

  private final Path home;
  private final Map<String, String> extraEnv;

  private GitCli(Path home, Map<String, String> extraEnv) {
    this.home = home;
    this.extraEnv = Map.copyOf(extraEnv);
  }

  /** The same git with one more environment variable, e.g. {@code GIT_SSL_CAINFO}. */
  public GitCli withEnv(String name, String value) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put(name, value);
    return new GitCli(home, env);
  }

  /** A git with its own fresh HOME; identity {@code Test User <test@example.com>}. */
  public static GitCli isolated() {
    try {
      Path home = Files.createTempDirectory("git-cli-home-");
      Files.writeString(
          home.resolve(".gitconfig"),
          """
          [user]
          \tname = Test User
          \temail = test@example.com
          [init]
          \tdefaultBranch = main
          [safe]
          \tdirectory = *
          [advice]
          \tdetachedHead = false
          """);
      return new GitCli(home, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One shared isolated git for fixtures that only need plumbing. */
  static synchronized GitCli bare() {
    if (bare == null) {
      bare = isolated();
    }
    return bare;
  }

  /** Runs {@code git args...} in {@code dir} (null: the current directory). */
  public Exec.Result run(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    return Exec.run(dir, env, TIMEOUT, cmd);
  }

  /** Runs git and returns its stdout, failing with the full output when git fails. */
  public String ok(Path dir, String... args) {
    return run(dir, args).stdoutOrThrow();
  }

  /** Clones {@code url} (credentials in the URL if needed) into a new temporary directory. */
  public Path cloneTemp(String url) {
    try {
      Path dir = Files.createTempDirectory("git-clone-").resolve("work");
      ok(null, "clone", "--quiet", url, dir.toString());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code git log --format=<format> <rev>} in a clone; one line per commit, newest first. */
  public List<String> log(Path repo, String format, String rev) {
    String out = ok(repo, "log", "--format=" + format, rev);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** Content of {@code path} at {@code rev}, e.g. {@code show(dir, "HEAD", "a/b.yaml")}. */
  public String show(Path repo, String rev, String path) {
    return ok(repo, "show", rev + ":" + path);
  }

  /** Writes a file in a clone, commits it and pushes the current branch to {@code branch}. */
  public String commitAndPush(Path repo, String branch, String path, String content, String message) {
    try {
      Path file = repo.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ok(repo, "add", "--", path);
    ok(repo, "commit", "--quiet", "-m", message);
    ok(repo, "push", "--quiet", "origin", "HEAD:refs/heads/" + branch);
    return ok(repo, "rev-parse", "HEAD").trim();
  }

  /** The commit id of {@code branch} at {@code url}, or null when the branch does not exist. */
  public String remoteHead(String url, String branch) {
    String out = ok(null, "ls-remote", url, "refs/heads/" + branch).trim();
    return out.isEmpty() ? null : out.split("\\s+")[0];
  }
}
