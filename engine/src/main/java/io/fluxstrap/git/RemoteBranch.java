package io.fluxstrap.git;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A branch as read: its head commit id (40 hex) and files by repository-relative path. */
public record RemoteBranch(boolean exists, String head, Map<String, byte[]> files) {
  public RemoteBranch {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public static RemoteBranch absent() {
    return new RemoteBranch(false, null, Map.of());
  }
}
