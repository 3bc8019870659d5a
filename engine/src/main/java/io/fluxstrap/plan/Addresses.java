package io.fluxstrap.plan;

/**
 * Resource addresses, Terraform-style: {@code repository.<name>}, {@code cluster.<name>} and
 * {@code cluster.<name>.<part>}. Addresses key the state and name plan steps.
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

  public static String health(String cluster) {
    return cluster(cluster) + ".health";
  }
}
