package io.fluxstrap.plan;

import io.fluxstrap.kube.ClusterIdentity;
import io.fluxstrap.spec.ClusterSpec;
import io.fluxstrap.spec.KubeTarget;
import io.fluxstrap.state.ResourceState;
import io.fluxstrap.state.State;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What state keeps under {@code cluster.<name>}: the cluster's identity (kube-system uid, server)
 * and, so that a cluster removed from the spec can still be destroyed, how it was reached
 * (kubeconfig file and context, or sandbox folder), its repository, folder and namespace. No
 * secrets: paths and names only.
 */
public record ClusterRecord(String name, KubeTarget target, String repository, String fluxDir, String namespace, String secretName) {
  static final String TARGET = "target";

  /** The attributes to record for {@code c} reached as {@code id}. */
  public static Map<String, String> attributes(ClusterSpec c, ClusterIdentity id) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("uid", id.uid());
    a.put("server", id.server());
    a.put("repository", c.repository());
    a.put("flux_dir", c.fluxDir());
    a.put("namespace", c.flux().namespace());
    if (c.target() instanceof KubeTarget.Kubeconfig k) {
      a.put(TARGET, "kubeconfig");
      if (k.file() != null) a.put("kubeconfig", k.file().toString());
      if (k.context() != null) a.put("context", k.context());
    } else if (c.target() instanceof KubeTarget.Sandbox s) {
      a.put(TARGET, "sandbox");
      a.put("sandbox", s.dir().toString());
    }
    return a;
  }

  /** Whether the recorded attributes lack how to reach the cluster (states written before they were kept). */
  public static boolean incomplete(ResourceState r) {
    return r == null || r.get(TARGET) == null || r.get("uid") == null;
  }

  /** The recorded form of cluster {@code name}; null when state does not say how to reach it. */
  public static ClusterRecord of(State state, String name) {
    ResourceState r = state.resource(Addresses.cluster(name));
    if (r == null || r.get(TARGET) == null) return null;
    KubeTarget target = "sandbox".equals(r.get(TARGET)) ? new KubeTarget.Sandbox(Path.of(r.get("sandbox")))
        : new KubeTarget.Kubeconfig(r.get("kubeconfig") == null ? null : Path.of(r.get("kubeconfig")), r.get("context"));
    ResourceState secret = state.resource(Addresses.secret(name));
    String secretName = secret != null && secret.get("name") != null ? secret.get("name") : FluxObjects.NAME;
    String ns = r.get("namespace") != null ? r.get("namespace") : FluxObjects.NAME;
    return new ClusterRecord(name, target, r.get("repository"), r.get("flux_dir"), ns, secretName);
  }

  /** From the spec, for a cluster that is still in it. */
  public static ClusterRecord of(ClusterSpec c) {
    return new ClusterRecord(c.name(), c.target(), c.repository(), c.fluxDir(), c.flux().namespace(), c.flux().secretName());
  }
}
