package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.tls.TlsMaterial;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * How clients trust an emulator built with {@link GitHubEmulator.Builder#tls()}: its certificate
 * for {@code 127.0.0.1}, {@code [::1]} and {@code localhost} is signed by a CA made for this run
 * only, whose certificate is written to {@code <data directory>/tls/ca.pem}, with a PKCS12 trust
 * store holding it beside it. The CA's private key is never written, so the CA vouches for this
 * run's server and nothing else.
 *
 * <pre>{@code
 * HttpClient java = HttpClient.newBuilder().sslContext(emu.tls().sslContext()).build();
 * new ProcessBuilder("git", "clone", url).environment().putAll(emu.tls().environment());
 * // another JVM: java + emu.tls().javaOptions() (-Djavax.net.ssl.trustStore=... and its password)
 * }</pre>
 */
public final class EmulatorTls {

  private final TlsMaterial material;

  EmulatorTls(TlsMaterial material) {
    this.material = material;
  }

  /** This run's CA certificate. */
  public X509Certificate caCertificate() {
    return material.caCertificate();
  }

  /** The CA certificate as PEM ({@code -----BEGIN CERTIFICATE-----}). */
  public String caCertificatePem() {
    return TlsMaterial.pem(material.caCertificate());
  }

  /** {@code <data directory>/tls/ca.pem}. */
  public Path caCertificateFile() {
    return material.caFile();
  }

  /** {@code <data directory>/tls/truststore.p12}: a PKCS12 trust store holding only the CA. */
  public Path trustStore() {
    return material.trustStoreFile();
  }

  /**
   * The trust store's password, {@code changeit}: the store holds only a public certificate, so the
   * password guards nothing secret.
   */
  public String trustStorePassword() {
    return TlsMaterial.TRUST_STORE_PASSWORD;
  }

  /** A TLS context trusting this run's CA and nothing else, for the JDK's clients. */
  public SSLContext sslContext() {
    return material.clientContext();
  }

  /**
   * The variables that make common clients trust the CA, each the CA file: {@code GIT_SSL_CAINFO}
   * (git), {@code NODE_EXTRA_CA_CERTS} (Node.js, added to its own CAs), {@code SSL_CERT_FILE}
   * (OpenSSL's default, read by Python's {@code ssl}, Go and Ruby), {@code CURL_CA_BUNDLE} (curl,
   * which Debian builds with a CA file of its own that {@code SSL_CERT_FILE} does not replace) and
   * {@code REQUESTS_CA_BUNDLE} (Python's requests). All but Node's replace the client's CAs: it
   * then trusts the emulator only.
   */
  public Map<String, String> environment() {
    String file = material.caFile().toString();
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("GIT_SSL_CAINFO", file);
    variables.put("NODE_EXTRA_CA_CERTS", file);
    variables.put("SSL_CERT_FILE", file);
    variables.put("CURL_CA_BUNDLE", file);
    variables.put("REQUESTS_CA_BUNDLE", file);
    return variables;
  }

  /**
   * The options that make another JVM trust the CA: {@code -Djavax.net.ssl.trustStore=...}, its
   * type and password. They replace the JVM's default trust store (it then trusts the emulator
   * only).
   */
  public List<String> javaOptions() {
    return List.of(
        "-Djavax.net.ssl.trustStore=" + material.trustStoreFile(),
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=" + TlsMaterial.TRUST_STORE_PASSWORD);
  }

  @Override
  public String toString() {
    return "EmulatorTls[ca=" + material.caFile() + "]";
  }
}
