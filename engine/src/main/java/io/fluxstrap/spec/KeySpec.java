package io.fluxstrap.spec;

import java.util.Locale;

/**
 * A key to generate, with the Flux CLI's defaults: algorithm {@code ecdsa}, RSA bits 2048
 * (multiple of 8, at least 1024), ECDSA curve {@code p384} ({@code p256}, {@code p384},
 * {@code p521}). Azure DevOps accepts RSA keys only.
 */
public record KeySpec(Algorithm algorithm, int rsaBits, String ecdsaCurve) {
  public static final int DEFAULT_RSA_BITS = 2048;
  public static final String DEFAULT_CURVE = "p384";
  public static final KeySpec DEFAULT = new KeySpec(Algorithm.ECDSA, DEFAULT_RSA_BITS, DEFAULT_CURVE);

  public enum Algorithm {
    RSA,
    ECDSA,
    ED25519;

    /** The spec's spelling: rsa, ecdsa, ed25519. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the plan shows: {@code rsa 4096}, {@code ecdsa p384}, {@code ed25519}. */
  public String describe() {
    switch (algorithm) {
      case RSA:
        return "rsa " + rsaBits;
      case ECDSA:
        return "ecdsa " + ecdsaCurve;
      default:
        return "ed25519";
    }
  }
}
