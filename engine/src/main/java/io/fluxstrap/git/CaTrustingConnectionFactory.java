package io.fluxstrap.git;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit HTTP connections that trust exactly the CA certificates in one PEM file (like git's {@code
 * http.sslCAInfo}: the file replaces the JDK's default trust store for this repository). Host
 * names are still verified. JGit has no per-repository CA setting, so this wraps its default
 * connection factory and configures each HTTPS connection.
 */
final class CaTrustingConnectionFactory implements HttpConnectionFactory {
  private final HttpConnectionFactory delegate = new JDKHttpConnectionFactory();
  private final TrustManager[] trustManagers;

  CaTrustingConnectionFactory(Path caFile) {
    this.trustManagers = load(caFile);
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return create(url, null);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    HttpConnection c = proxy == null ? delegate.create(url) : delegate.create(url, proxy);
    if ("https".equalsIgnoreCase(url.getProtocol())) {
      try {
        c.configure(null, trustManagers, null);
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot configure TLS: " + e.getMessage(), e);
      }
    }
    return c;
  }

  private static TrustManager[] load(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new GitFailure("caFile " + caFile + " contains no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return tmf.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new GitFailure("cannot read caFile " + caFile + ": " + e.getMessage());
    }
  }
}
