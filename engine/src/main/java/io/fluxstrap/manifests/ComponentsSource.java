package io.fluxstrap.manifests;

import io.fluxstrap.diag.SourceRange;
import io.fluxstrap.diag.UserException;
import io.fluxstrap.spec.ManifestSource;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a Flux release's {@code install.yaml}: from a local file, or from a URL verified by the
 * SHA-256 the spec gives or, without one, by the release's {@code flux_<version>_checksums.txt};
 * downloaded once into a content-addressed cache ({@code <cacheDir>/sha256-<hex>.yaml}, plus
 * {@code url-<hash of the URL>.sha256} recording which verified file a checksums-file URL is).
 * Nothing unverified is ever returned or cached, and a cached file is verified again on every
 * read, so a corrupted cache heals by downloading again.
 */
public final class ComponentsSource {
  /** Bytes of a URL; the default is {@link HttpFetcher}. */
  @FunctionalInterface
  public interface Fetcher {
    byte[] fetch(URI uri) throws IOException;
  }

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  /** Where Flux publishes release assets (install.yaml, manifests.tar.gz, flux_<version>_checksums.txt). */
  public static final String FLUX_RELEASES = "https://github.com/fluxcd/flux2/releases/download/";
  /**
   * Test-only: an http://127.0.0.1 base URL that serves {@code <version>/<asset>} in place of
   * {@link #FLUX_RELEASES}, so tests exercise the release download and checksum path offline.
   */
  public static final String TEST_RELEASE_MIRROR_ENV = "FLUXSTRAP_TEST_RELEASE_MIRROR";

  private final Path cacheDir;
  private final Fetcher fetcher;
  private final URI releaseMirror;

  public ComponentsSource(Path cacheDir, Fetcher fetcher) {
    this(cacheDir, fetcher, null);
  }

  /** {@code releaseMirror}: test-only, must be a loopback http(s) URL; null in normal use. */
  public ComponentsSource(Path cacheDir, Fetcher fetcher, URI releaseMirror) {
    this.cacheDir = cacheDir;
    this.fetcher = fetcher;
    if (releaseMirror != null && !LOOPBACK.contains(String.valueOf(releaseMirror.getHost()).toLowerCase(Locale.ROOT))) {
      throw new UserException(TEST_RELEASE_MIRROR_ENV + " is for tests only and must point to 127.0.0.1 or localhost");
    }
    this.releaseMirror = releaseMirror;
  }

  /** The source a CLI run uses: the default cache folder, and the test mirror when its variable is set. */
  public static ComponentsSource of(Map<String, String> env) {
    String mirror = env.get(TEST_RELEASE_MIRROR_ENV);
    return new ComponentsSource(defaultCacheDir(env), new HttpFetcher(),
        mirror == null || mirror.isBlank() ? null : URI.create(mirror.strip()));
  }

  public ComponentsSource(Path cacheDir) {
    this(cacheDir, new HttpFetcher());
  }

  /**
   * {@code $FLUXSTRAP_CACHE_DIR}, else {@code $XDG_CACHE_HOME/fluxstrap}, else
   * {@code ~/.cache/fluxstrap} ({@code $HOME}, else the JVM's {@code user.home}).
   */
  public static Path defaultCacheDir(Map<String, String> env) {
    String own = env.get("FLUXSTRAP_CACHE_DIR");
    if (own != null && !own.isBlank()) return Path.of(own);
    String xdg = env.get("XDG_CACHE_HOME");
    // The XDG spec says relative values are invalid and must be ignored.
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "fluxstrap");
    String home = env.get("HOME");
    if (home == null || home.isBlank()) home = System.getProperty("user.home");
    return Path.of(home, ".cache", "fluxstrap");
  }

  /** The install.yaml text. */
  public String load(ManifestSource source) {
    if (source instanceof ManifestSource.File f) return loadFile(f);
    if (source instanceof ManifestSource.Url u) return loadUrl(u);
    throw new IllegalArgumentException("unknown manifest source " + source);
  }

  private String loadFile(ManifestSource.File f) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f.path());
    } catch (NoSuchFileException e) {
      throw new UserException(SourceRange.of(f.path()), "components file not found");
    } catch (IOException e) {
      throw new UserException(SourceRange.of(f.path()), "cannot read components file: " + e.getMessage());
    }
    if (f.sha256() != null) {
      String expected = normalizeSha256(f.sha256(), f.path().toString());
      String actual = sha256Hex(bytes);
      if (!actual.equals(expected)) throw mismatch(f.path().toString(), expected, actual);
    }
    return text(bytes, f.path().toString());
  }

  private String loadUrl(ManifestSource.Url u) {
    String where = redacted(u.url());
    checkAllowed(u.url(), where);
    if (u.sha256() != null) {
      // An explicit checksum wins over the release's checksums file.
      return text(verifiedDownload(u.url(), where, normalizeSha256(u.sha256(), where), null), where);
    }
    if (u.checksums() == null) throw new UserException("a sha256 is required for " + where);
    // What the checksums file said for this URL, recorded once verified: later runs need no network.
    Path index = cacheDir.resolve("url-" + sha256Hex(u.url().toString().getBytes(StandardCharsets.UTF_8)) + ".sha256");
    String known = readIndex(index);
    if (known != null) {
      byte[] cached = readCached(cacheDir.resolve("sha256-" + known + ".yaml"), known);
      if (cached != null) return text(cached, where);
    }
    String sumsWhere = redacted(u.checksums());
    checkAllowed(u.checksums(), sumsWhere);
    String expected = ReleaseChecksums.expected(download(u.checksums(), sumsWhere),
        ReleaseChecksums.fileName(u.url().getPath()), sumsWhere);
    byte[] bytes = verifiedDownload(u.url(), where, expected, sumsWhere);
    store(index, expected.getBytes(StandardCharsets.UTF_8));
    return text(bytes, where);
  }

  /** The bytes of {@code url} whose sha256 is {@code expected}: from the cache, else downloaded, verified and cached. */
  private byte[] verifiedDownload(URI url, String where, String expected, String listedIn) {
    Path cached = cacheDir.resolve("sha256-" + expected + ".yaml");
    byte[] bytes = readCached(cached, expected);
    if (bytes != null) return bytes;
    bytes = download(url, where);
    String actual = sha256Hex(bytes);
    if (!actual.equals(expected)) {
      if (listedIn == null) throw mismatch(where, expected, actual);
      throw new UserException("checksum mismatch for " + where + ": " + listedIn + " lists sha256 " + expected
          + ", the downloaded file has sha256 " + actual + "; nothing was cached or applied");
    }
    store(cached, bytes);
    return bytes;
  }

  private byte[] download(URI url, String where) {
    try {
      return fetcher.fetch(redirect(url));
    } catch (IOException e) {
      throw new UserException("could not download " + where + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      // its message may quote the whole URL, credentials included
      throw new UserException("could not download " + where + ": the URL is not supported");
    }
  }

  /** Flux's release URLs served from the test mirror when one is set; any other URL as it is. */
  private URI redirect(URI url) {
    String s = url.toString();
    if (releaseMirror == null || !s.startsWith(FLUX_RELEASES)) return url;
    String base = releaseMirror.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + s.substring(FLUX_RELEASES.length()));
  }

  private static String readIndex(Path index) {
    try {
      String hex = Files.readString(index, StandardCharsets.UTF_8).strip();
      return HEX64.matcher(hex).matches() ? hex : null;
    } catch (IOException e) {
      return null; // absent or unreadable: ask the checksums file again
    }
  }

  /** The cached bytes when present and intact; a corrupted file is removed so it is fetched anew. */
  private static byte[] readCached(Path cached, String expected) {
    try {
      byte[] bytes = Files.readAllBytes(cached);
      if (sha256Hex(bytes).equals(expected)) return bytes;
      Files.deleteIfExists(cached);
      return null;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UserException(SourceRange.of(cached), "cannot read the components cache: " + e.getMessage());
    }
  }

  /** Written to a temporary name and renamed, so a crash never leaves a half file under the final name. */
  private void store(Path cached, byte[] bytes) {
    Path tmp = null;
    try {
      Files.createDirectories(cacheDir);
      tmp = Files.createTempFile(cacheDir, ".download-", ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UserException(SourceRange.of(cacheDir), "cannot write the components cache: " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temporary file is harmless: it never has a cache name
        }
      }
    }
  }

  /** Plain HTTP only to this machine (tests, a local mirror); everything else must be HTTPS. */
  private static void checkAllowed(URI url, String where) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) return;
    if (scheme.equals("http") && LOOPBACK.contains(host)) return;
    throw new UserException("refusing to download " + where + ": only https URLs are allowed");
  }

  static String normalizeSha256(String given, String where) {
    String hex = given.strip().toLowerCase(Locale.ROOT);
    if (hex.startsWith("sha256:")) hex = hex.substring("sha256:".length());
    if (!HEX64.matcher(hex).matches()) {
      throw new UserException("invalid sha256 for " + where + ": expected 64 hex digits, got \"" + given + "\"");
    }
    return hex;
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static UserException mismatch(String where, String expected, String actual) {
    return new UserException("checksum mismatch for " + where + ": expected " + expected + ", got " + actual);
  }

  private static String text(byte[] bytes, String where) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UserException(where + " is not UTF-8 text");
    }
  }

  /** A URL as shown in messages: never its user info or query, which may hold a credential. */
  static String redacted(URI url) {
    if (url.getUserInfo() == null && url.getQuery() == null) return url.toString();
    StringBuilder s = new StringBuilder();
    if (url.getScheme() != null) s.append(url.getScheme()).append("://");
    if (url.getHost() != null) s.append(url.getHost());
    if (url.getPort() >= 0) s.append(':').append(url.getPort());
    if (url.getRawPath() != null) s.append(url.getRawPath());
    if (url.getQuery() != null) s.append("?...");
    return s.toString();
  }
}
