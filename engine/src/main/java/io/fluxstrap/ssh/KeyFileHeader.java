package io.fluxstrap.ssh;

import io.fluxstrap.diag.UserException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;

/**
 * What a key file's text says about itself before any decryption: its format, whether it is
 * encrypted and (when the header tells) its key type. Rejects public keys, non-keys and
 * unsupported types with messages naming the file only.
 */
record KeyFileHeader(Format format, boolean encrypted, String keyType) {
  enum Format {
    OPENSSH,
    PEM_RSA,
    PEM_EC,
    PKCS8,
    PKCS8_ENCRYPTED
  }

  static final Set<String> SUPPORTED_TYPES =
      Set.of(
          "ssh-rsa",
          "ssh-ed25519",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521");

  private static final String OPENSSH_MAGIC = "openssh-key-v1\0";

  static KeyFileHeader read(Path file, byte[] content) {
    String text = new String(content, StandardCharsets.US_ASCII).replace("\r", "").strip();
    if (isPublicKey(text)) {
      throw new UserException(publicKeyMessage(file));
    }
    String label = beginLabel(text);
    if (label == null) {
      throw notAKey(file);
    }
    switch (label) {
      case "OPENSSH PRIVATE KEY":
        return openSsh(file, text);
      case "RSA PRIVATE KEY":
        return new KeyFileHeader(Format.PEM_RSA, isProcTypeEncrypted(text), "ssh-rsa");
      case "EC PRIVATE KEY":
        return new KeyFileHeader(Format.PEM_EC, isProcTypeEncrypted(text), null);
      case "PRIVATE KEY":
        return new KeyFileHeader(Format.PKCS8, false, null);
      case "ENCRYPTED PRIVATE KEY":
        return new KeyFileHeader(Format.PKCS8_ENCRYPTED, true, null);
      case "DSA PRIVATE KEY":
        throw unsupported(file, "ssh-dss");
      default:
        throw notAKey(file);
    }
  }

  static UserException unsupported(Path file, String type) {
    return new UserException(
        file + ": unsupported key type " + type + " (use an RSA, ECDSA or Ed25519 key)");
  }

  static UserException notAKey(Path file) {
    return new UserException(
        file + " is not an SSH private key (expected an OpenSSH or PEM private key file)");
  }

  private static String publicKeyMessage(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String hint =
        name.endsWith(".pub") && name.length() > 4
            ? "the private key is the file without .pub: "
                + file.resolveSibling(name.substring(0, name.length() - 4))
            : "give the private key file instead (the one without .pub)";
    return file + " is a public key, not a private key; " + hint;
  }

  private static boolean isPublicKey(String text) {
    if (text.startsWith("-----BEGIN PUBLIC KEY-----")
        || text.startsWith("-----BEGIN RSA PUBLIC KEY-----")
        || text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
      return true;
    }
    String first = text.split("\\s+", 2)[0];
    return first.startsWith("ssh-") || first.startsWith("ecdsa-sha2-") || first.startsWith("sk-");
  }

  private static String beginLabel(String text) {
    if (!text.startsWith("-----BEGIN ")) {
      return null;
    }
    int end = text.indexOf("-----", 11);
    return end < 0 ? null : text.substring(11, end);
  }

  private static boolean isProcTypeEncrypted(String text) {
    return text.lines().limit(4).anyMatch(l -> l.startsWith("Proc-Type:") && l.contains("ENCRYPTED"));
  }

  /** openssh-key-v1: magic, cipher, kdf, kdf options, key count, first public key blob. */
  private static KeyFileHeader openSsh(Path file, String text) {
    try {
      String body =
          text.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
      ByteBuffer buf = ByteBuffer.wrap(Base64.getMimeDecoder().decode(body));
      byte[] magic = new byte[OPENSSH_MAGIC.length()];
      buf.get(magic);
      if (!OPENSSH_MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw notAKey(file);
      }
      String cipher = new String(string(buf), StandardCharsets.US_ASCII);
      string(buf); // kdf name
      string(buf); // kdf options
      buf.getInt(); // number of keys
      ByteBuffer publicBlob = ByteBuffer.wrap(string(buf));
      String type = new String(string(publicBlob), StandardCharsets.US_ASCII);
      if (!SUPPORTED_TYPES.contains(type)) {
        throw unsupported(file, type);
      }
      return new KeyFileHeader(Format.OPENSSH, !"none".equals(cipher), type);
    } catch (RuntimeException e) {
      if (e instanceof UserException u) {
        throw u;
      }
      throw notAKey(file);
    }
  }

  private static byte[] string(ByteBuffer buf) {
    int len = buf.getInt();
    if (len < 0 || len > buf.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] out = new byte[len];
    buf.get(out);
    return out;
  }
}
