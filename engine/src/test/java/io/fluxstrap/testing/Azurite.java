package io.fluxstrap.testing;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azurite, the Azure Storage emulator (npm package {@code azurite}), serving blobs on 127.0.0.1 for
 * the azurerm state backend's tests: leases, ETags and metadata behave as in Azure Storage. One
 * server per JVM, stopped by a shutdown hook; tests take their own container. Installed with npm
 * into a cache folder when missing (CI machines start without it), like lighttpd with apt.
 *
 * <p>Requests are signed with Azurite's well-known development account key (public, documented by
 * Microsoft, useless outside the emulator).
 */
public final class Azurite {
  public static final String ACCOUNT = "devstoreaccount1";
  public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  private static final String VERSION = "3.37.0";
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static Azurite shared;

  private final int port;
  private final Process process;

  private Azurite(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  public static synchronized Azurite shared() {
    if (shared == null || !shared.process.isAlive()) {
      shared = launch();
      Process p = shared.process;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Exec.stop(p)));
    }
    return shared;
  }

  /** The blob endpoint, path-style as Azurite serves it: {@code http://127.0.0.1:PORT/devstoreaccount1}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /** A new, empty container with a unique name. */
  public BlobContainerClient newContainer() {
    BlobContainerClient c = new BlobServiceClientBuilder().endpoint(endpoint())
        .credential(new StorageSharedKeyCredential(ACCOUNT, KEY)).buildClient()
        .getBlobContainerClient("state-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet());
    c.create();
    return c;
  }

  /** The environment a fluxstrap run needs to sign its requests with the account key. */
  public static Map<String, String> keyEnv() {
    return Map.of("ARM_ACCESS_KEY", KEY);
  }

  private static Azurite launch() {
    Path bin = install();
    try {
      Path data = Files.createTempDirectory("azurite");
      int port = freePort();
      File log = data.resolve("azurite.log").toFile();
      Process p = new ProcessBuilder(List.of(bin.toString(), "--silent", "--skipApiVersionCheck", "--location", data.toString(),
          "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port)))
          .redirectErrorStream(true).redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      long deadline = System.nanoTime() + STARTUP.toNanos();
      while (System.nanoTime() < deadline && p.isAlive()) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
          return new Azurite(port, p);
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
