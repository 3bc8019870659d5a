package io.fluxstrap.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.KeySpec;
import io.fluxstrap.spec.KeySpec.Algorithm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scanner against an in-process MINA SSH server on 127.0.0.1. */
@Timeout(60)
class HostKeyScannerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static KeyPair rsaHostKey;

  @BeforeAll
  static void hostKey() {
    rsaHostKey = KeyGenerator.generate(new KeySpec(Algorithm.RSA, 2048, null)).keyPair();
  }

  /** A server with the given host key; records each negotiated host key algorithm. */
  private static SshServer server(KeyPair hostKey, List<String> negotiated, List<NamedFactory<Signature>> sigs)
      throws Exception {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    if (sigs != null) {
      server.setSignatureFactories(sigs);
    }
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionNegotiationEnd(
              Session session, Map<KexProposalOption, String> client, Map<KexProposalOption, String> srv,
              Map<KexProposalOption, String> result, Throwable reason) {
            if (reason == null) {
              negotiated.add(result.get(KexProposalOption.SERVERKEYS));
            }
          }
        });
    server.start();
    return server;
  }

  @Test
  void returnsTheRsaHostKeyOverSha2() throws Exception {
    List<String> negotiated = new CopyOnWriteArrayList<>();
    SshServer server = server(rsaHostKey, negotiated, null);
    try {
      int port = server.getPort();
      HostKey key = new HostKeyScanner(TIMEOUT).scan("127.0.0.1", port);
      assertEquals(HostKey.of("127.0.0.1", port, rsaHostKey.getPublic()), key);
      assertEquals("[127.0.0.1]:" + port, key.hosts());
      assertEquals("ssh-rsa", key.keyType());
      assertEquals(PublicKeys.fingerprint(rsaHostKey.getPublic()), key.fingerprint());
      assertEquals(1, negotiated.size());
      assertNotEquals("ssh-rsa", negotiated.get(0));
      assertTrue(negotiated.get(0).startsWith("rsa-sha2-"), negotiated.get(0));
    } finally {
      server.stop(true);
    }
  }

  @Test
  void returnsAnEd25519HostKey() throws Exception {
    KeyPair ed = KeyGenerator.generate(new KeySpec(Algorithm.ED25519, 0, null)).keyPair();
    List<String> negotiated = new CopyOnWriteArrayList<>();
    SshServer server = server(ed, negotiated, null);
    try {
      HostKey key = new HostKeyScanner(TIMEOUT).scan("127.0.0.1", server.getPort());
      assertEquals("ssh-ed25519", key.keyType());
      assertEquals(PublicKeys.fingerprint(ed.getPublic()), key.fingerprint());
      assertEquals(List.of("ssh-ed25519"), negotiated);
    } finally {
      server.stop(true);
    }
  }

  @Test
  void aServerOfferingOnlySha1RsaIsRefused() throws Exception {
    List<String> negotiated = new CopyOnWriteArrayList<>();
    SshServer server = server(rsaHostKey, negotiated, List.of(BuiltinSignatures.rsa));
    try {
      int port = server.getPort();
      UserException e =
          assertThrows(UserException.class, () -> new HostKeyScanner(TIMEOUT).scan("127.0.0.1", port));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("none of the host key algorithms we accept"), e.getMessage());
      assertEquals(List.of(), negotiated);
    } finally {
      server.stop(true);
    }
  }

  @Test
  void closedPortFailsClearly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    int closed = port;
    UserException e =
        assertThrows(UserException.class, () -> new HostKeyScanner(TIMEOUT).scan("127.0.0.1", closed));
    assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
  }

  @Test
  void silentServerTimesOut() throws Exception {
    // The kernel completes the TCP handshake from the backlog; nobody ever speaks SSH.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      int port = silent.getLocalPort();
      UserException e =
          assertThrows(UserException.class, () -> new HostKeyScanner(TIMEOUT).scan("127.0.0.1", port));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
  }

  @Test
  void azureDevOpsIsOfferedRsaSha2Only() {
    assertEquals(List.of("rsa-sha2-512", "rsa-sha2-256"), HostKeyScanner.algorithmsFor("ssh.dev.azure.com"));
    assertEquals(List.of("rsa-sha2-512", "rsa-sha2-256"), HostKeyScanner.algorithmsFor("vs-ssh.visualstudio.com"));
    List<String> general = HostKeyScanner.algorithmsFor("github.com");
    assertTrue(general.containsAll(List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512")));
    assertTrue(!general.contains("ssh-rsa"));
    assertTrue(SshHosts.isAzureDevOps("SSH.dev.azure.com."));
    assertTrue(!SshHosts.isAzureDevOps("dev.azure.com"));
    assertTrue(!SshHosts.isAzureDevOps("ssh.dev.azure.com.evil.example"));
  }
}
