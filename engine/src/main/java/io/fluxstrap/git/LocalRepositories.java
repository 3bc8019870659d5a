package io.fluxstrap.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Repositories on the local disk ({@code file://} URLs and plain paths): the quickstart's repo is
 * created when first pushed to. Creating is idempotent: an existing repository is left as it is,
 * and one whose creation was interrupted (a folder holding nothing, or only part of what
 * {@code git init --bare} writes, and no object or ref) is created again in place.
 *
 * <p>Only these repositories make JGit touch the file system; {@link FileStoreDefaults} keeps it
 * from measuring the file system's timestamp resolution when it does (~3.5 s on a fresh machine).
 * JGit's background measuring was tried and rejected: on 2 cores the measuring thread slows the
 * run itself, and a CLI that exits early never caches the result, so every run paid again.
 */
final class LocalRepositories {
  /** What an interrupted {@code init --bare} can have written besides empty folders. */
  private static final Set<String> SKELETON_FILES = Set.of("config", "config.lock", "HEAD", "HEAD.lock", "description");
  private static final Set<String> SKELETON_FOLDERS = Set.of("hooks", "info", "branches", "logs");

  /** What is at a local repository's path. */
  enum Kind {
    /** Nothing: the first push creates it. */
    MISSING,
    /** A folder left by an interrupted creation: the first push creates the repository again. */
    UNFINISHED,
    /** A Git repository. */
    REPOSITORY,
    /** Something else: never touched. */
    FOREIGN
  }

  private LocalRepositories() {}

  static Kind kind(Path dir) {
    if (!Files.exists(dir)) return Kind.MISSING;
    if (!Files.isDirectory(dir)) return Kind.FOREIGN;
    if (RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) return Kind.REPOSITORY;
    return isSkeleton(dir) ? Kind.UNFINISHED : Kind.FOREIGN;
  }

  /** True when the repository exists and can be read; false when the first push would create it. */
  static boolean exists(Path dir, String url) {
    return switch (kind(dir)) {
      case MISSING, UNFINISHED -> false;
      case REPOSITORY -> true;
      case FOREIGN -> throw notARepository(dir, url);
    };
  }

  /** Creates a bare repository at {@code dir} whose HEAD names {@code branch}, unless one is there. */
  static void createIfMissing(Path dir, String branch, String url) throws IOException {
    switch (kind(dir)) {
      case REPOSITORY:
        return;
      case FOREIGN:
        throw notARepository(dir, url);
      case UNFINISHED:
        clear(dir);
        break;
      case MISSING:
        break;
    }
    Files.createDirectories(dir);
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
      repo.create(true);
      RefUpdate head = repo.updateRef(Constants.HEAD);
      head.disableRefLog();
      head.link(Constants.R_HEADS + branch);
    }
  }

  private static GitFailure notARepository(Path dir, String url) {
    return new GitFailure("repository " + url + " cannot be used: " + dir + " exists but is not a Git repository"
        + " (and holds files fluxstrap did not write); move it away or point the spec's url at the right folder,"
        + " then run again (apply creates a missing local repository)");
  }

  /** Empty folders and the files {@code init} writes first; no object, pack or ref anywhere. */
  private static boolean isSkeleton(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir)).allMatch(p -> {
        Path rel = dir.relativize(p);
        if (Files.isDirectory(p)) return true;
        String top = rel.getName(0).toString();
        if (rel.getNameCount() == 1) return SKELETON_FILES.contains(top);
        return SKELETON_FOLDERS.contains(top);
      });
    } catch (IOException e) {
      return false;
    }
  }

  private static void clear(Path dir) throws IOException {
    List<Path> inside;
    try (Stream<Path> all = Files.walk(dir)) {
      inside = all.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : inside) Files.delete(p);
  }

  /** Nearest existing directory at or above {@code dir}: where a missing repository would be created. */
  static Path nearestExisting(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }
}
