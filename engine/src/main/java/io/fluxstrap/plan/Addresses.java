package io.fluxstrap.plan;

/**
 * Resource addresses, Terraform-style: {@code repository.<name>}, {@code cluster.<name>},
 * {@code cluster.<name>.<part>} and {@code ssh_host.<host>[:port]}. Addresses key the state and name plan steps.
 */
public final class Addresses {
  private Addresses() {}

  public static String repository(String name) {
    return "repository." + name;
  }

  public static String commit(String repository) {
    return repository(repository) + ".commit";
  }

  public static String push(String repository) {
    return repository(repository) + ".push";
  }

  public static String cluster(String name) {
    return "cluster." + name;
  }

  public static String manifests(String cluster) {
    return cluster(cluster) + ".manifests";
  }

  public static String namespace(String cluster) {
    return cluster(cluster) + ".namespace";
  }

  public static String secret(String cluster) {
    return cluster(cluster) + ".secret";
  }

  public static String components(String cluster) {
    return cluster(cluster) + ".components";
  }

  public static String sync(String cluster) {
    return cluster(cluster) + ".sync";
  }

  /** The SSH key fluxstrap generated for a cluster (public key and fingerprint; never the private key). */
  public static String sshKey(String cluster) {
    return cluster(cluster) + ".ssh_key";
  }

  /** A trusted SSH host key: {@code ssh_host.<host>} or {@code ssh_host.<host>:<port>}. */
  public static String sshHost(SshEndpoint endpoint) {
    return "ssh_host." + endpoint.display();
  }

  /** Cluster names state knows of (any {@code cluster.NAME} or {@code cluster.NAME.*} address), in state's order. */
  public static java.util.Set<String> clustersIn(io.fluxstrap.state.State state) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (String address : state.resources().keySet()) {
      if (!address.startsWith("cluster.")) continue;
      String rest = address.substring("cluster.".length());
      int dot = rest.indexOf('.');
      names.add(dot < 0 ? rest : rest.substring(0, dot));
    }
    return names;
  }

  public static String health(String cluster) {
    return cluster(cluster) + ".health";
  }
}
