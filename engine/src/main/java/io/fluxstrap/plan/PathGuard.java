package io.fluxstrap.plan;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ClusterSpec;

/**
 * Flux's guard, kept by the planner and again by the executor: an existing flux-system
 * Kustomization that syncs another path is never re-pointed, since that would make Flux prune
 * everything the old path applied.
 */
public final class PathGuard {
  private PathGuard() {}

  /** Throws when {@code livePath} (the Kustomization's spec.path, null when absent) is not the spec's. */
  public static void check(ClusterSpec c, Object livePath) {
    check(c, livePath, null);
  }

  /**
   * As above, except that a path fluxstrap set itself ({@code recordedPath}, state's sync path) may be
   * re-pointed: that is a planned move, whose new folder holds Flux before the Kustomization moves.
   */
  public static void check(ClusterSpec c, Object livePath, String recordedPath) {
    if (livePath == null || trim(livePath.toString()).equals(trim(c.syncPath()))) return;
    if (recordedPath != null && trim(livePath.toString()).equals(trim(recordedPath))) return;
    throw new UserException(c.address() + ": Kustomization " + c.flux().namespace() + "/" + FluxObjects.syncName(c.flux().namespace()) + " on the cluster syncs path '" + livePath
        + "', the spec asks for '" + c.syncPath() + "': refusing to re-point it, that would overwrite path '" + livePath
        + "'. Change the spec's path back, or remove the Kustomization first if you really mean to move it");
  }

  private static String trim(String p) {
    String s = p.startsWith("./") ? p.substring(2) : p;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
