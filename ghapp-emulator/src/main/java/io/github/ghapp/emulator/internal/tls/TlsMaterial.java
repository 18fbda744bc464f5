package io.github.ghapp.emulator.internal.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A per-run certificate authority and the server certificate it signs for {@code 127.0.0.1}, {@code
 * [::1]} and {@code localhost}, both EC P-256 (generated in milliseconds, unlike RSA). The CA
 * certificate goes to {@code ca.pem} and a PKCS12 trust store holding only it to {@code
 * truststore.p12}, for the clients to trust; the CA's private key is never written and is dropped
 * once the server certificate is signed, so nothing else can be signed with it. The server's key
 * stays in memory.
 */
public final class TlsMaterial {

  /**
   * The trust store holds only a public certificate; its password guards nothing secret, so it is
   * the JDK's well-known one rather than a value to keep.
   */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private static final Duration VALIDITY = Duration.ofDays(90);

  private final X509Certificate caCertificate;
  private final Path caFile;
  private final Path trustStoreFile;
  private final KeyStore serverKeyStore;
  private final char[] serverKeyPassword;

  private TlsMaterial(
      X509Certificate caCertificate,
      Path caFile,
      Path trustStoreFile,
      KeyStore serverKeyStore,
      char[] serverKeyPassword) {
    this.caCertificate = caCertificate;
    this.caFile = caFile;
    this.trustStoreFile = trustStoreFile;
    this.serverKeyStore = serverKeyStore;
    this.serverKeyPassword = serverKeyPassword;
  }

  /** Makes a new CA and server certificate, valid from an hour ago (clock skew) for 90 days. */
  public static TlsMaterial generate(Path directory) throws IOException {
    try {
      Files.createDirectories(directory);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair caKeys = generator.generateKeyPair();
      KeyPair serverKeys = generator.generateKeyPair();
      Instant now =
          Instant.now(); // clients judge certificates by the wall clock, not the emulator's
      Date from = Date.from(now.minus(Duration.ofHours(1)));
      Date until = Date.from(now.plus(VALIDITY));
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

      X500Name caName = new X500Name("CN=ghapp-emulator per-run CA " + now.getEpochSecond());
      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName, serial(), from, until, caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCertificate = sign(ca, caKeys);

      X509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caCertificate,
              serial(),
              from,
              until,
              new X500Name("CN=localhost"),
              serverKeys.getPublic());
      server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      server.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      server.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(caCertificate));
      server.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
      X509Certificate serverCertificate = sign(server, caKeys);

      char[] keyPassword = randomPassword();
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "server",
          serverKeys.getPrivate(),
          keyPassword,
          new Certificate[] {serverCertificate, caCertificate});

      Path caFile = directory.resolve("ca.pem");
      Files.writeString(caFile, pem(caCertificate), StandardCharsets.US_ASCII);
      Path trustStoreFile = directory.resolve("truststore.p12");
      try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
        trustStore(caCertificate).store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      return new TlsMaterial(caCertificate, caFile, trustStoreFile, keyStore, keyPassword);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot make the emulator's TLS certificate: " + e.getMessage(), e);
    }
  }

  /** Jetty's TLS setup serving the server certificate and its chain. */
  public SslContextFactory.Server sslContextFactory() {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(serverKeyStore);
    factory.setKeyStorePassword(new String(serverKeyPassword));
    factory.setKeyManagerPassword(new String(serverKeyPassword));
    return factory;
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  public Path caFile() {
    return caFile;
  }

  public Path trustStoreFile() {
    return trustStoreFile;
  }

  /** A client context that trusts this run's CA and nothing else. */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore(caCertificate));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /** The certificate as PEM, 64 characters a line. */
  public static String pem(X509Certificate certificate) {
    try {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode a certificate", e);
    }
  }

  private static KeyStore trustStore(X509Certificate ca)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ghapp-emulator-ca", ca);
    return store;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
  }

  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  /** Never the key material. */
  @Override
  public String toString() {
    PublicKey key = caCertificate.getPublicKey();
    return "TlsMaterial[ca="
        + caCertificate.getSubjectX500Principal()
        + ", "
        + key.getAlgorithm()
        + "]";
  }
}
