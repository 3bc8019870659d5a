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
 * Loads a Flux release's {@code install.yaml}: from a local file, or from a URL pinned by its
 * SHA-256, downloaded once into a content-addressed cache ({@code <cacheDir>/sha256-<hex>.yaml}).
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

  private final Path cacheDir;
  private final Fetcher fetcher;

  public ComponentsSource(Path cacheDir, Fetcher fetcher) {
    this.cacheDir = cacheDir;
    this.fetcher = fetcher;
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
    if (u.sha256() == null) throw new UserException("a sha256 is required for " + where);
    String expected = normalizeSha256(u.sha256(), where);
    checkAllowed(u.url(), where);
    Path cached = cacheDir.resolve("sha256-" + expected + ".yaml");
    byte[] bytes = readCached(cached, expected);
    if (bytes == null) {
      try {
        bytes = fetcher.fetch(u.url());
      } catch (IOException e) {
        throw new UserException("could not download " + where + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        // its message may quote the whole URL, credentials included
        throw new UserException("could not download " + where + ": the URL is not supported");
      }
      String actual = sha256Hex(bytes);
      if (!actual.equals(expected)) throw mismatch(where, expected, actual);
      store(cached, bytes);
    }
    return text(bytes, where);
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
