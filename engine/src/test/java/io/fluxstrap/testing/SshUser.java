package io.fluxstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The unprivileged {@value #NAME} user {@link GitSshServer}'s sshd runs as, set up once per
 * machine as TESTING.md describes: login shell {@code git-shell}, password field {@code *} (no
 * password, not locked), a home holding {@code git-shell-commands/serve-git-repo} (the
 * ForceCommand) and a {@code .gitconfig} trusting every repository ({@code safe.directory}: the
 * repositories it serves may be owned by root). Idempotent and safe to run from several JVMs.
 */
final class SshUser {
  static final String NAME = "git";
  static final String SERVE_COMMAND = "serve-git-repo";
  private static final Path GIT_SHELL = Path.of("/usr/bin/git-shell");
  private static final Path DEFAULT_HOME = Path.of("/home/git");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static boolean ready;

  private SshUser() {}

  static synchronized void ensure() {
    if (ready) {
      return;
    }
    String[] entry = passwdEntry();
    if (entry == null) {
      Exec.Result add =
          run("useradd", "-M", "-U", "-d", DEFAULT_HOME.toString(), "-s", GIT_SHELL.toString(), NAME);
      entry = passwdEntry();
      if (entry == null) {
        throw new IllegalStateException("cannot create user " + NAME + ": " + add.describe());
      }
    }
    if (!entry[6].equals(GIT_SHELL.toString())) {
      run("usermod", "-s", GIT_SHELL.toString(), NAME).stdoutOrThrow();
    }
    String shadow = run("getent", "shadow", NAME).stdout().trim();
    String[] shadowFields = shadow.split(":", -1);
    if (shadowFields.length < 2 || !shadowFields[1].equals("*")) {
      // '!' (useradd's default) locks the account; sshd then refuses even public keys.
      run("usermod", "-p", "*", NAME).stdoutOrThrow();
    }
    writeHome(Path.of(entry[5]));
    ready = true;
  }

  /** {@code command} run as user {@value #NAME} (exec'd in place, so destroying it stops the command). */
  static List<String> runAs(List<String> command) {
    List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--init-groups", "--"));
    cmd.addAll(command);
    return cmd;
  }

  /** Gives {@code dir} and everything under it to user and group {@value #NAME}. */
  static void chownRecursively(Path dir) {
    try {
      UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
      UserPrincipal user = lookup.lookupPrincipalByName(NAME);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(NAME);
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.toList()) {
          PosixFileAttributeView view =
              Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
          view.setOwner(user);
          view.setGroup(group);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes {@code repo} readable and writable by every user (folders 0777, files +rw) and lets every
   * user traverse the folders above it, so root (lighttpd) and {@value #NAME} (sshd) can both push.
   */
  static void shareWithEveryone(Path repo) {
    try {
      try (Stream<Path> all = Files.walk(repo)) {
        for (Path p : all.toList()) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
          if (Files.isDirectory(p)) {
            perms = EnumSet.allOf(PosixFilePermission.class);
          } else {
            perms.addAll(
                EnumSet.of(
                    PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE));
          }
          Files.setPosixFilePermissions(p, perms);
        }
      }
      for (Path up = repo.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(up);
        if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
          Files.setPosixFilePermissions(up, perms);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The passwd fields of {@value #NAME}, or null when there is no such user. */
  private static String[] passwdEntry() {
    Exec.Result r = run("getent", "passwd", NAME);
    if (!r.ok()) {
      return null;
    }
    String[] fields = r.stdout().trim().split(":", -1);
    return fields.length >= 7 ? fields : null;
  }

  private static void writeHome(Path home) {
    try {
      Path commands = Files.createDirectories(home.resolve("git-shell-commands"));
      write(commands.resolve(SERVE_COMMAND), SshdConfig.SERVE_SCRIPT, "rwxr-xr-x");
      write(home.resolve(".gitconfig"), "[safe]\n\tdirectory = *\n", "rw-r--r--");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
      chownRecursively(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes through a rename so a concurrent sshd login never runs a half-written script. */
  private static void write(Path file, String content, String perms) throws IOException {
    if (Files.exists(file) && Files.readString(file).equals(content)) {
      return;
    }
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Exec.Result run(String... command) {
    return Exec.run(null, Map.of(), TIMEOUT, List.of(command));
  }
}
