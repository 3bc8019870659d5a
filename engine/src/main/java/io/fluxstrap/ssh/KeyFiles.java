package io.fluxstrap.ssh;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.secret.Sensitive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Set;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads existing SSH private key files (OpenSSH or PEM; RSA, ECDSA, Ed25519; optionally
 * encrypted) with OpenSSH's checks. Every error is a {@link UserException} naming the file;
 * none contains key bytes or the passphrase, and messages from the key parsers are dropped.
 */
public final class KeyFiles {
  /** Larger files are not key files; do not read them into memory. */
  private static final long MAX_SIZE = 64 * 1024;

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {}

  /** Reads only the header: true for an encrypted OpenSSH or PEM key. Same file errors as load. */
  public static boolean isEncrypted(Path file) {
    return KeyFileHeader.read(file, readChecked(file)).encrypted();
  }

  /** passphrase null when not encrypted (it is ignored for an unencrypted key). */
  public static LoadedKey load(Path file, Sensitive passphrase) {
    byte[] content = readChecked(file);
    KeyFileHeader header = KeyFileHeader.read(file, content);
    if (header.encrypted() && passphrase == null) {
      throw new UserException(file + " is encrypted: a passphrase is needed to use it");
    }
    Crypto.requireBouncyCastle();
    KeyPair pair = decode(file, content, header, passphrase);
    String type = KeyUtils.getKeyType(pair);
    if (type == null || !KeyFileHeader.SUPPORTED_TYPES.contains(type)) {
      throw KeyFileHeader.unsupported(file, type == null ? pair.getPublic().getAlgorithm() : type);
    }
    String publicKey = PublicKeys.authorizedKeysLine(pair.getPublic());
    return new LoadedKey(
        file,
        pair,
        Sensitive.of(content),
        header.encrypted(),
        type,
        publicKey,
        PublicKeys.fingerprintOfLine(publicKey));
  }

  private static KeyPair decode(
      Path file, byte[] content, KeyFileHeader header, Sensitive passphrase) {
    FilePasswordProvider passwords =
        header.encrypted() ? new OnePassphrase(passphrase) : FilePasswordProvider.EMPTY;
    try {
      Iterable<KeyPair> pairs =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName(String.valueOf(file.getFileName())),
              new ByteArrayInputStream(content),
              passwords);
      Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
      if (it != null && it.hasNext()) {
        KeyPair pair = it.next();
        if (pair != null && pair.getPrivate() != null && pair.getPublic() != null) {
          return pair;
        }
      }
    } catch (Exception | LinkageError e) {
      // Deliberately not chained: parser messages may quote key material.
    }
    if (header.encrypted()) {
      throw new UserException("wrong passphrase for " + file);
    }
    throw new UserException(file + " is not a valid SSH private key (it could not be read)");
  }

  private static byte[] readChecked(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
      throw new UserException(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserException(file + " is not a file");
    }
    if (!Files.isReadable(file)) {
      throw new UserException(file + " is not readable (permission denied)");
    }
    checkPermissions(file);
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw KeyFileHeader.notAKey(file);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserException(file + " is not readable (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Like OpenSSH ("UNPROTECTED PRIVATE KEY FILE"): a key file of ours that group or others may
   * access is refused. Skipped where POSIX permissions do not exist.
   */
  private static void checkPermissions(Path file) {
    PosixFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, PosixFileAttributes.class);
    } catch (UnsupportedOperationException | IOException e) {
      return;
    }
    boolean ours = attrs.owner().getName().equals(System.getProperty("user.name"));
    Set<PosixFilePermission> perms = attrs.permissions();
    if (ours && perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new UserException(
          "unprotected private key file "
              + file
              + ": permissions "
              + PosixFilePermissions.toString(perms)
              + " let group or others read it; run chmod 600 "
              + file);
    }
  }

  /** Hands sshd the passphrase once; a failed attempt ends decoding instead of asking again. */
  private static final class OnePassphrase implements FilePasswordProvider {
    private final Sensitive passphrase;

    OnePassphrase(Sensitive passphrase) {
      this.passphrase = passphrase;
    }

    @Override
    public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
      return retryIndex == 0 ? passphrase.reveal() : null;
    }

    @Override
    public ResourceDecodeResult handleDecodeAttemptResult(
        SessionContext session, NamedResource resource, int retryIndex, String password, Exception err) {
      return ResourceDecodeResult.TERMINATE;
    }
  }
}
