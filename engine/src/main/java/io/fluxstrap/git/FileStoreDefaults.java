package io.fluxstrap.git;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit from measuring the file system's timestamp resolution. The first time JGit opens a
 * repository on disk ({@code file://}, the quickstart's bare repository, the sandbox's reads) on a
 * machine, it writes and re-reads probe files for ~3-4 s and records the result in
 * {@code ~/.config/jgit/config}. A throw-away CI agent pays that on every run.
 *
 * <p>Here JGit reads its {@code filesystem.*} settings through a user config layered over the real
 * one: a value the user (or an earlier JGit) recorded wins; a missing one is answered with JGit's
 * own fallback (2 s resolution), the value JGit itself uses when it cannot measure. That fallback
 * only makes JGit re-read a file changed within 2 s instead of trusting its timestamp: always
 * correct, and a few small re-reads are nothing next to the probe. Nothing is written to HOME.
 */
final class FileStoreDefaults {
  private FileStoreDefaults() {}

  /** Installs the layer once per process (idempotent, thread-safe). */
  static synchronized void install() {
    SystemReader current = SystemReader.getInstance();
    if (!(current instanceof Reader)) SystemReader.setInstance(new Reader(current));
  }

  private static final class Reader extends SystemReader.Delegate {
    Reader(SystemReader delegate) {
      super(delegate);
    }

    @Override
    public StoredConfig getUserConfig() throws ConfigInvalidException, IOException {
      return new Layer(super.getUserConfig());
    }
  }

  /** The user config with the file-store fallbacks beneath it; never saved (it holds no user data). */
  private static final class Layer extends StoredConfig {
    private final StoredConfig user;

    Layer(StoredConfig user) {
      super(user);
      this.user = user;
    }

    @Override
    public long getTimeUnit(String section, String subsection, String name, long defaultValue, TimeUnit wanted) {
      if (ConfigConstants.CONFIG_FILESYSTEM_SECTION.equals(section) && user.getString(section, subsection, name) == null) {
        FS.FileStoreAttributes fallback = FS.FileStoreAttributes.FALLBACK_FILESTORE_ATTRIBUTES;
        if (ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION.equals(name)) {
          return wanted.convert(fallback.getFsTimestampResolution());
        }
        if (ConfigConstants.CONFIG_KEY_MIN_RACY_THRESHOLD.equals(name)) {
          return wanted.convert(fallback.getMinimalRacyInterval());
        }
      }
      return super.getTimeUnit(section, subsection, name, defaultValue, wanted);
    }

    @Override
    public void load() {
      // the layer reads through to the user config, which JGit reloads itself
    }

    @Override
    public void save() {
      // nothing of the user's is held here; JGit only saves this config after measuring
    }
  }
}
