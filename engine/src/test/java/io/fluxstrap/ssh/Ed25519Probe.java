package io.fluxstrap.ssh;

import io.fluxstrap.secret.Sensitive;
import io.fluxstrap.spec.KeySpec;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link BouncyCastleClassPathTest}: generates an Ed25519 key and loads
 * the (encrypted) Ed25519 key file given as argument, printing both fingerprints.
 */
public final class Ed25519Probe {
  private Ed25519Probe() {}

  public static void main(String[] args) {
    GeneratedKey generated = KeyGenerator.generate(new KeySpec(KeySpec.Algorithm.ED25519, 0, null));
    LoadedKey loaded = KeyFiles.load(Path.of(args[0]), Sensitive.of(args[1]));
    System.out.println(generated.fingerprint() + " " + generated.publicKey());
    System.out.println(loaded.fingerprint());
  }
}
