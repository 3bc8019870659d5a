package io.fluxstrap.secret;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret value (a PAT, a private key, a passphrase). Its {@link #toString()} never reveals it,
 * so it cannot leak through logs, messages or string concatenation by accident. The value is
 * only read where it is handed to Git or to the cluster.
 */
public final class Sensitive {
  private final byte[] value;

  private Sensitive(byte[] value) {
    this.value = value.clone();
  }

  public static Sensitive of(String value) {
    return new Sensitive(value.getBytes(StandardCharsets.UTF_8));
  }

  public static Sensitive of(byte[] value) {
    return new Sensitive(value);
  }

  public byte[] bytes() {
    return value.clone();
  }

  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  public boolean isEmpty() {
    return value.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitive s && java.security.MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "(sensitive)";
  }
}
