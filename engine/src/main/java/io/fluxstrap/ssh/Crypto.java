package io.fluxstrap.ssh;

import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.bouncycastle.BouncyCastleSecurityProviderRegistrar;

/**
 * Makes sure MINA sshd uses BouncyCastle. sshd cannot use the JDK's EdDSA, so Ed25519 keys (and
 * some PEM forms) need BouncyCastle at run time; we register it ourselves instead of relying on
 * whatever else on the class path happens to have done so. Idempotent.
 */
final class Crypto {
  private Crypto() {}

  static synchronized void requireBouncyCastle() {
    if (!SecurityUtils.isBouncyCastleRegistered()) {
      BouncyCastleSecurityProviderRegistrar registrar = new BouncyCastleSecurityProviderRegistrar();
      if (registrar.isSupported()) {
        SecurityUtils.registerSecurityProvider(registrar);
      }
    }
    if (!SecurityUtils.isBouncyCastleRegistered() || !SecurityUtils.isEDDSACurveSupported()) {
      throw new IllegalStateException(
          "BouncyCastle is not available to the SSH library: bcprov-jdk18on and bcpkix-jdk18on"
              + " must be on the class path (Ed25519 keys need them)");
    }
  }
}
