package io.fluxstrap.spec;

import static io.fluxstrap.spec.SourceMap.child;

import java.util.Locale;

/** Reads {@code sync.auth.ssh.key}: the key to generate for a cluster, with the Flux CLI's defaults. */
final class KeySpecReader {
  private final ReadContext in;

  KeySpecReader(ReadContext in) {
    this.in = in;
  }

  /** The key at {@code at}, or null when there is none (the cluster uses the repository's key). */
  KeySpec read(String at) {
    if (!in.has(at)) return null;
    String algorithmAt = child(at, "algorithm");
    KeySpec.Algorithm algorithm =
        KeySpec.Algorithm.valueOf(in.text(algorithmAt, KeySpec.DEFAULT.algorithm().key()).toUpperCase(Locale.ROOT));
    String bitsAt = child(at, "rsaBits");
    String curveAt = child(at, "ecdsaCurve");
    // A size or curve the algorithm ignores is a sign the algorithm is not what the user meant
    // (rsaBits without algorithm: rsa gives an ecdsa key). An invalid algorithm is reported already.
    if (!in.has(algorithmAt) || in.valid(algorithmAt)) {
      String defaulted = in.has(algorithmAt) ? "" : " (the default algorithm is ecdsa)";
      if (in.has(bitsAt) && algorithm != KeySpec.Algorithm.RSA) in.errorAtKey(bitsAt, "'rsaBits' is only for algorithm rsa" + defaulted);
      if (in.has(curveAt) && algorithm != KeySpec.Algorithm.ECDSA) in.errorAtKey(curveAt, "'ecdsaCurve' is only for algorithm ecdsa");
    }
    return new KeySpec(algorithm, in.integer(bitsAt, KeySpec.DEFAULT_RSA_BITS), in.text(curveAt, KeySpec.DEFAULT_CURVE));
  }
}
