package io.fluxstrap.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Repositories on the local disk ({@code file://} URLs and plain paths): the quickstart's repo is
 * created when first pushed to. Creating is idempotent: an existing repository is left as it is.
 *
 * <p>JGit measures a file system's timestamp resolution the first time it opens a repository on it
 * (~3.5 s on a fresh machine, then cached in {@code ~/.config/jgit/config}). Every local operation
 * passes through this class first, which switches that measurement to the background: JGit then
 * waits at most 100 ms and uses its conservative fallback (files are re-read rather than trusted
 * as unchanged), which is correct, only slower for huge repositories.
 */
final class LocalRepositories {
  static {
    FS.FileStoreAttributes.setBackground(true);
  }

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
