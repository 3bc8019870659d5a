package io.fluxstrap.ssh;

import java.util.Locale;

/** Facts about well-known SSH hosts. */
public final class SshHosts {
  private SshHosts() {}

  /**
   * True for Azure DevOps' SSH endpoints: {@code ssh.dev.azure.com} and the older
   * {@code vs-ssh.visualstudio.com} (also its per-organisation subdomains). These accept RSA user
   * keys only and must be talked to with RSA SHA-2 signatures.
   */
  public static boolean isAzureDevOps(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("ssh.dev.azure.com")
        || h.equals("vs-ssh.visualstudio.com")
        || h.endsWith(".vs-ssh.visualstudio.com");
  }
}
