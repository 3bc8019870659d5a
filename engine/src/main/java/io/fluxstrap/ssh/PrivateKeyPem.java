package io.fluxstrap.ssh;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The private key PEM Flux's generator writes (Go's {@code x509.MarshalPKCS8PrivateKey} in a
 * {@code PRIVATE KEY} block): PKCS#8 version 0 for every algorithm; RSA holds a PKCS#1 key, ECDSA
 * a SEC1 key with the public point and without repeated curve parameters, Ed25519 the 32-byte
 * seed. Built field by field so the bytes do not depend on which provider made the key.
 */
final class PrivateKeyPem {
  private PrivateKeyPem() {}

  static String pkcs8(KeyPair pair) {
    PrivateKeyInfo info;
    try {
      info = info(pair);
      byte[] der = info.getEncoded(ASN1Encoding.DER);
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (IOException e) {
      // Never chain: the message could describe key material.
      throw new IllegalStateException("cannot encode the generated private key");
    }
  }

  private static PrivateKeyInfo info(KeyPair pair) throws IOException {
    PrivateKey key = pair.getPrivate();
    if (key instanceof RSAPrivateCrtKey rsa) {
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          new RSAPrivateKey(
              rsa.getModulus(),
              rsa.getPublicExponent(),
              rsa.getPrivateExponent(),
              rsa.getPrimeP(),
              rsa.getPrimeQ(),
              rsa.getPrimeExponentP(),
              rsa.getPrimeExponentQ(),
              rsa.getCrtCoefficient()));
    }
    if (key instanceof ECPrivateKey ec) {
      ECPublicKey pub = (ECPublicKey) pair.getPublic();
      int fieldBytes = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      byte[] point = new byte[1 + 2 * fieldBytes];
      point[0] = 0x04; // uncompressed, as Go's elliptic.Marshal
      copyUnsigned(pub.getW().getAffineX(), point, 1, fieldBytes);
      copyUnsigned(pub.getW().getAffineY(), point, 1 + fieldBytes, fieldBytes);
      int orderBits = ec.getParams().getOrder().bitLength();
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curveOid(fieldBytes)),
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              orderBits, ec.getS(), new DERBitString(point), null));
    }
    if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
      // Provider encodings differ (v1, v2 with the public key); keep only the seed, like Go.
      ASN1OctetString seed =
          ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey());
      return new PrivateKeyInfo(
          new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
          new DEROctetString(seed.getOctets()));
    }
    throw new IllegalArgumentException("unsupported private key type " + key.getAlgorithm());
  }

  private static ASN1ObjectIdentifier curveOid(int fieldBytes) {
    switch (fieldBytes) {
      case 32:
        return SECObjectIdentifiers.secp256r1;
      case 48:
        return SECObjectIdentifiers.secp384r1;
      case 66:
        return SECObjectIdentifiers.secp521r1;
      default:
        throw new IllegalArgumentException("unsupported ECDSA curve");
    }
  }

  private static void copyUnsigned(BigInteger value, byte[] out, int offset, int length) {
    byte[] raw = value.toByteArray();
    int skip = raw.length > length ? raw.length - length : 0;
    int copy = raw.length - skip;
    System.arraycopy(raw, skip, out, offset + length - copy, copy);
  }
}
