package io.fluxstrap.testing;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azurite, the Azure Storage emulator (npm package {@code azurite}), serving blobs on 127.0.0.1 for
 * the azurerm state backend's tests: leases, ETags and metadata behave as in Azure Storage. One
 * server per JVM and kind, stopped by a shutdown hook; tests take their own container. Installed
 * with npm into a cache folder when missing (CI machines start without it), like lighttpd with apt.
 *
 * <p>Two kinds: {@link #shared()} speaks plain HTTP and takes the account key or a SAS;
 * {@link #sharedOAuth()} speaks HTTPS with a certificate of a throw-away CA ({@link TestCertificates})
 * and also takes Entra ID bearer tokens ({@code --oauth basic}: it checks a token's issuer,
 * audience and lifetime, not its signature), since the Azure SDK sends tokens over HTTPS only.
 *
 * <p>Test-side clients sign with Azurite's well-known development account key (public, documented
 * by Microsoft, useless outside the emulator).
 */
public final class Azurite {
  public static final String ACCOUNT = "devstoreaccount1";
  public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  private static final String VERSION = "3.37.0";
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();
  /** The password of {@link #trustStore()} (a throw-away store of a throw-away CA). */
  public static final String TRUST_STORE_PASSWORD = "azurite-test";
  private static Azurite shared;
  private static Azurite sharedOAuth;

  private final int port;
  private final Process process;
  private final Path tls; // null: plain HTTP

  private final Path data;

  private Azurite(int port, Process process, Path tls, Path data) {
    this.port = port;
    this.process = process;
    this.tls = tls;
    this.data = data;
  }

  /** Plain HTTP; key and SAS only. */
  public static synchronized Azurite shared() {
    if (shared == null || !shared.process.isAlive()) shared = stoppedAtExit(launch(null));
    return shared;
  }

  /** HTTPS (certificate for 127.0.0.1 from a throw-away CA, see {@link #trustStore()}) with Entra ID bearer tokens accepted. */
  public static synchronized Azurite sharedOAuth() {
    if (sharedOAuth == null || !sharedOAuth.process.isAlive()) {
      try {
        Path tls = Files.createTempDirectory("azurite-tls");
        TestCertificates.write(tls);
        sharedOAuth = stoppedAtExit(launch(tls));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sharedOAuth;
  }

  private static Azurite stoppedAtExit(Azurite a) {
    Process p = a.process;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> Exec.stop(p)));
    return a;
  }

  /** The blob endpoint, path-style as Azurite serves it: {@code http(s)://127.0.0.1:PORT/devstoreaccount1}. */
  public String endpoint() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /**
   * A PKCS#12 trust store (password {@link #TRUST_STORE_PASSWORD}) holding the CA of this server's
   * certificate, for {@code -Djavax.net.ssl.trustStore} of a fluxstrap run; written next to the certificates.
   */
  public Path trustStore() {
    if (tls == null) throw new IllegalStateException("plain HTTP: no certificate to trust");
    Path store = tls.resolve("truststore.p12");
    try {
      if (Files.exists(store)) return store;
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      try (var in = Files.newInputStream(tls.resolve("ca.pem"))) {
        ks.setCertificateEntry("azurite-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      Path tmp = tls.resolve("truststore.p12.tmp");
      try (var out = Files.newOutputStream(tmp)) {
        ks.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      Files.move(tmp, store);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client of this server signed with the account key; over HTTPS it trusts the test CA (this client only, not the JVM). */
  public BlobServiceClient keyClient() {
    return client().credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient();
  }

  /** A client of the HTTPS server signing with Entra ID bearer tokens from {@code credential}, trusting the test CA. */
  public BlobServiceClient bearerClient(TokenCredential credential) {
    if (tls == null) throw new IllegalStateException("the Azure SDK sends bearer tokens over HTTPS only: use sharedOAuth()");
    return client().credential(credential).buildClient();
  }

  private BlobServiceClientBuilder client() {
    BlobServiceClientBuilder b = new BlobServiceClientBuilder().endpoint(endpoint());
    if (tls != null) {
      try {
        SslContext trusting = SslContextBuilder.forClient().trustManager(tls.resolve("ca.pem").toFile()).build();
        b.httpClient(new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
            .secure(ssl -> ssl.sslContext(trusting))).build());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return b;
  }

  /** A new, empty container with a unique name. */
  public BlobContainerClient newContainer() {
    BlobContainerClient c = keyClient().getBlobContainerClient("state-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet());
    c.create();
    return c;
  }

  /** The folder Azurite keeps its data in (blob contents and metadata). */
  public Path dataDir() {
    return data;
  }

  /** The environment a fluxstrap run needs to sign its requests with the account key. */
  public static Map<String, String> keyEnv() {
    return Map.of("ARM_ACCESS_KEY", KEY);
  }

  private static Azurite launch(Path tls) {
    Path bin = install();
    try {
      Path data = Files.createTempDirectory("azurite");
      int port = freePort();
      File log = data.resolve("azurite.log").toFile();
      List<String> command = new ArrayList<>(List.of(bin.toString(), "--silent", "--skipApiVersionCheck", "--location", data.toString(),
          "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port)));
      if (tls != null) {
        command.addAll(List.of("--cert", tls.resolve("server.pem").toString(), "--key", tls.resolve("server.key").toString(),
            "--oauth", "basic"));
      }
      Process p = new ProcessBuilder(command)
          .redirectErrorStream(true).redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      long deadline = System.nanoTime() + STARTUP.toNanos();
      while (System.nanoTime() < deadline && p.isAlive()) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
          return new Azurite(port, p, tls, data);
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      Exec.stop(p);
      throw new IllegalStateException("azurite did not start on port " + port + ":\n" + Files.readString(log.toPath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code azurite-blob} from the cache folder, installed there with npm the first time. */
  private static synchronized Path install() {
    String home = System.getProperty("user.home");
    Path dir = Path.of(System.getenv().getOrDefault("FLUXSTRAP_TEST_CACHE", home + "/.cache/fluxstrap-test"), "azurite");
    Path bin = dir.resolve("node_modules/.bin/azurite-blob");
    if (Files.isExecutable(bin)) return bin;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Exec.run(dir, Map.of(), Duration.ofMinutes(5),
        List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund", "azurite@" + VERSION)).stdoutOrThrow();
    if (!Files.isExecutable(bin)) throw new IllegalStateException("npm installed azurite, but " + bin + " is missing");
    return bin;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
