package io.fluxstrap.spec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks known_hosts text pinned in a spec: each line that is neither blank nor a {@code #}
 * comment is {@code hosts keytype base64-key [comment]}. Only what Flux and Azure DevOps use is
 * accepted; markers ({@code @cert-authority}, {@code @revoked}) and security-key types are not.
 */
public final class KnownHosts {
  public static final List<String> KEY_TYPES =
      List.of("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

  /** A problem on {@code line} (1-based, inside the text; 0 for the text as a whole). */
  public record Problem(int line, String message) {}

  /** One accepted entry: its hosts field and key type. */
  public record Entry(int line, String hosts, String keyType) {}

  private KnownHosts() {}

  /** Every problem of {@code text}, in line order; empty when it is usable. */
  public static List<Problem> check(String text) {
    List<Problem> problems = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    int entries = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      entries++;
      String problem = problem(line.split("\\s+"));
      if (problem != null) problems.add(new Problem(i + 1, problem));
    }
    if (entries == 0) problems.add(new Problem(0, "no host key lines (expected 'hosts keytype key' per line)"));
    return List.copyOf(problems);
  }

  /** The usable entries of {@code text}, in line order (lines with a problem are left out). */
  public static List<Entry> entries(String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] fields = line.split("\\s+");
      if (problem(fields) == null) entries.add(new Entry(i + 1, fields[0], fields[1]));
    }
    return List.copyOf(entries);
  }

  private static String problem(String[] fields) {
    if (fields[0].startsWith("@")) return "markers such as " + fields[0] + " are not supported; pin the host's own key";
    if (fields.length < 3) return "expected 'hosts keytype key', e.g. 'ssh.dev.azure.com ssh-rsa AAAAB3Nza...'";
    String type = fields[1];
    if (type.startsWith("sk-")) return "security-key type '" + SpecLimits.shown(type) + "' cannot be a host key";
    if (!KEY_TYPES.contains(type)) {
      return "unknown key type '" + SpecLimits.shown(type) + "' (expected " + String.join(", ", KEY_TYPES.subList(0, KEY_TYPES.size() - 1)) + " or "
          + KEY_TYPES.get(KEY_TYPES.size() - 1) + ")";
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[2]);
    } catch (IllegalArgumentException e) {
      return "the key of type '" + SpecLimits.shown(type) + "' is not valid base64";
    }
    // The SSH wire format starts with the key type's name: a key pasted under the wrong type
    // would only fail later, on the cluster.
    String actual = wireType(blob);
    if (actual != null && KEY_TYPES.contains(actual) && !actual.equals(type)) return "the key is of type '" + SpecLimits.shown(actual) + "', not '" + SpecLimits.shown(type) + "'";
    if (!type.equals(actual)) return "the key data is not a valid '" + SpecLimits.shown(type) + "' key";
    return null;
  }

  private static String wireType(byte[] blob) {
    if (blob.length < 4) return null;
    int length = ByteBuffer.wrap(blob, 0, 4).getInt();
    if (length < 1 || length > blob.length - 4) return null;
    return new String(blob, 4, length, StandardCharsets.US_ASCII);
  }
}
