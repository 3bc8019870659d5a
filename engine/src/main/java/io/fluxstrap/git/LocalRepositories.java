package io.fluxstrap.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Repositories on the local disk ({@code file://} URLs and plain paths): the quickstart's repo is
 * created when first pushed to. Creating is idempotent: an existing repository is left as it is.
 *
 * <p>Only these repositories make JGit touch the file system; {@link FileStoreDefaults} keeps it
 * from measuring the file system's timestamp resolution when it does (~3.5 s on a fresh machine).
 * JGit's background measuring was tried and rejected: on 2 cores the measuring thread slows the
 * run itself, and a CLI that exits early never caches the result, so every run paid again.
 */
final class LocalRepositories {
  private LocalRepositories() {}

  static boolean exists(Path dir) {
    return Files.isDirectory(dir);
  }

  /** Creates a bare repository at {@code dir} whose HEAD names {@code branch}, unless one is there. */
  static void createIfMissing(Path dir, String branch) throws IOException {
    if (Files.exists(dir)) {
      return;
    }
    Files.createDirectories(dir);
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
      repo.create(true);
      RefUpdate head = repo.updateRef(Constants.HEAD);
      head.disableRefLog();
      head.link(Constants.R_HEADS + branch);
    }
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
