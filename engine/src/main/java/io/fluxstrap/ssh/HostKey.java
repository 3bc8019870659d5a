package io.fluxstrap.ssh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One known_hosts entry.
 *
 * @param hosts the first field as written: {@code host}, {@code [host]:port}, a comma list of
 *     patterns ({@code *}, {@code ?}, {@code !negation}) or a hashed {@code |1|salt|hash}
 * @param keyType the key type, e.g. {@code ssh-rsa} (also for RSA keys used with SHA-2)
 * @param base64 the key blob
 */
public record HostKey(String hosts, String keyType, String base64) {
  public HostKey {
    requireField(hosts, "hosts");
    requireField(keyType, "key type");
    requireField(base64, "key");
    PublicKeys.checkedBlob(keyType, base64);
  }

  /** The entry for {@code host} and {@code port} (OpenSSH's form: port 22 has no brackets). */
  public static HostKey of(String host, int port, PublicKey key) {
    String line = PublicKeys.authorizedKeysLine(key);
    String[] fields = line.split(" ");
    return new HostKey(hostField(host, port), fields[0], fields[1]);
  }

  /** {@code "hosts keyType base64"}, no newline. */
  public String line() {
    return hosts + " " + keyType + " " + base64;
  }

  /** {@code "SHA256:..."}, as {@code ssh-keygen -lf known_hosts} prints it. */
  public String fingerprint() {
    return PublicKeys.fingerprintOfBlob(Base64.getDecoder().decode(base64));
  }

  /**
   * Whether this entry is for {@code host} on {@code port}, by OpenSSH's rules: the name looked up
   * is {@code host} for port 22 and {@code [host]:port} otherwise; a hashed entry is compared by
   * HMAC-SHA1; a matching negated pattern excludes the host.
   */
  public boolean matches(String host, int port) {
    String name = hostField(host, port);
    if (hosts.startsWith("|1|")) {
      return hashedMatches(name);
    }
    boolean matched = false;
    for (String pattern : hosts.split(",")) {
      boolean negated = pattern.startsWith("!");
      String p = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
      if (wildcardMatches(p, 0, name, 0)) {
        if (negated) {
          return false;
        }
        matched = true;
      }
    }
    return matched;
  }

  static String hostField(String host, int port) {
    if (host == null || host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("a host name and a port in 1..65535 are needed");
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    return port == 22 ? h : "[" + h + "]:" + port;
  }

  private boolean hashedMatches(String name) {
    String[] parts = hosts.split("\\|");
    // "", "1", salt, hash
    if (parts.length != 4) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(salt, "HmacSHA1"));
      return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean wildcardMatches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (wildcardMatches(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  private static void requireField(String value, String what) {
    if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("known_hosts " + what + " is empty or has spaces");
    }
  }
}
