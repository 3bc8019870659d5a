package io.fluxstrap.git;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * JGit's Apache MINA SSH sessions for one {@link RemoteRepo.Credential.SshKey}: the in-memory key
 * pair is the only identity, host keys are checked strictly against the credential's known_hosts
 * lines only ({@link KnownHosts}), and nothing of the user's SSH setup takes part: no ~/.ssh (its
 * config, keys, known_hosts), no ssh-agent, no prompt. The home and .ssh directory JGit insists on
 * is an empty private temporary folder; no key and no host key is ever written to disk.
 */
final class SshSessions {
  private static Path emptyHome;

  private SshSessions() {}

  static SshdSessionFactory factory(RemoteRepo.Credential.SshKey credential, int timeoutSeconds) {
    KnownHosts knownHosts = new KnownHosts(credential.knownHosts());
    File home = emptyHome().toFile();
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(home)
        .setSshDirectory(home)
        .setConfigStoreFactory((h, file, localUser) -> new Config(knownHosts, credential, timeoutSeconds))
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setDefaultKeysProvider(dir -> List.of(credential.key()))
        .setServerKeyDatabase((h, dir) -> knownHosts)
        .setConnectorFactory(null) // no ssh-agent
        .setPreferredAuthentications("publickey")
        .build(null);
  }

  /** The user key's signature algorithms: RSA signs with SHA-2 only (never SHA-1 ssh-rsa). */
  static String userKeyAlgorithms(RemoteRepo.Credential.SshKey credential) {
    return credential.key().getPublic() instanceof RSAPublicKey
        ? "rsa-sha2-512,rsa-sha2-256"
        : KeyUtils.getKeyType(credential.key().getPublic());
  }

  private static synchronized Path emptyHome() {
    if (emptyHome == null || !Files.isDirectory(emptyHome)) {
      try {
        emptyHome = Files.createTempDirectory("fluxstrap-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException notPosix) {
        try {
          emptyHome = Files.createTempDirectory("fluxstrap-ssh-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      emptyHome.toFile().deleteOnExit();
    }
    return emptyHome;
  }

  /** The ssh configuration of every host, in memory: what a strict, non-interactive ssh would use. */
  private record Config(KnownHosts knownHosts, RemoteRepo.Credential.SshKey credential, int timeoutSeconds)
      implements SshConfigStore {
    @Override
    public HostConfig lookup(String hostName, int port, String userName) {
      Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      options.put(SshConstants.STRICT_HOST_KEY_CHECKING, SshConstants.YES);
      options.put(SshConstants.HOST_KEY_ALGORITHMS, knownHosts.hostKeyAlgorithms(hostName, port < 0 ? 22 : port));
      options.put(SshConstants.PUBKEY_ACCEPTED_ALGORITHMS, userKeyAlgorithms(credential));
      options.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
      // Not IdentitiesOnly: in JGit that means "IdentityFile keys only", which would drop ours. The
      // default keys are our one in-memory key, and there is no agent, so nothing else is offered.
      options.put(SshConstants.IDENTITIES_ONLY, SshConstants.NO);
      options.put(SshConstants.IDENTITY_AGENT, SshConstants.NONE);
      options.put(SshConstants.ADD_KEYS_TO_AGENT, SshConstants.NO);
      options.put(SshConstants.BATCH_MODE, SshConstants.YES);
      options.put(SshConstants.NUMBER_OF_PASSWORD_PROMPTS, "0");
      options.put(SshConstants.CONNECT_TIMEOUT, Integer.toString(timeoutSeconds));
      options.put(SshConstants.HASH_KNOWN_HOSTS, SshConstants.NO);
      return new Options(options);
    }

    @Override
    public HostConfig lookupDefault(String hostName, int port, String userName) {
      return lookup(hostName, port, userName);
    }
  }

  private record Options(Map<String, String> options) implements SshConfigStore.HostConfig {
    @Override
    public String getValue(String key) {
      return options.get(key);
    }

    @Override
    public List<String> getValues(String key) {
      return List.of();
    }

    @Override
    public Map<String, String> getOptions() {
      return options;
    }

    @Override
    public Map<String, List<String>> getMultiValuedOptions() {
      return Map.of();
    }
  }
}
