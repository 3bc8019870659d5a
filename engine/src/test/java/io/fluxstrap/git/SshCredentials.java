package io.fluxstrap.git;

import io.fluxstrap.testing.SshKeyFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Loads a key file made by ssh-keygen into the engine's in-memory SSH credential, as the CLI would. */
final class SshCredentials {
  private SshCredentials() {}

  static RemoteRepo.Credential.SshKey of(SshKeyFile file, List<String> knownHosts) {
    return new RemoteRepo.Credential.SshKey(load(file), file.fingerprint(), knownHosts);
  }

  static KeyPair load(SshKeyFile file) {
    try (InputStream in = Files.newInputStream(file.privateKey())) {
      Iterator<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.privateKey().toString()), in, null)
              .iterator();
      return keys.next();
    } catch (Exception e) {
      throw new IllegalStateException("cannot load " + file, e);
    }
  }
}
