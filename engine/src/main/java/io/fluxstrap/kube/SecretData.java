package io.fluxstrap.kube;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A Secret's type and decoded data. Holds secret values: never log or render it. */
public record SecretData(String type, Map<String, byte[]> data) {
  public SecretData {
    data = Collections.unmodifiableMap(new TreeMap<>(data));
  }

  @Override
  public String toString() {
    return "SecretData[type=" + type + ", keys=" + data.keySet() + "]";
  }
}
