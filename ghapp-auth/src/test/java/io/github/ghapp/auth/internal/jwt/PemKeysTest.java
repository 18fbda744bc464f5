package io.github.ghapp.auth.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.ghapp.auth.PrivateKeyException;
import io.github.ghapp.auth.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PemKeysTest {
  private static final KeyPair RSA = TestKeys.rsa();

  @TempDir Path dir;

  @Test
  void parse_pkcs1AsGitHubHandsOut_readsTheSameKey() {
    RSAPrivateKey key = PemKeys.parse(TestKeys.pkcs1Pem(RSA));

    assertSameKey(key);
  }

  @Test
  void parse_pkcs8_readsTheSameKey() {
    assertSameKey(PemKeys.parse(TestKeys.pkcs8Pem(RSA)));
  }

  @Test
  void parse_environmentStyleWithLiteralBackslashN_readsTheKey() {
    String env = TestKeys.pkcs1Pem(RSA).replace("\n", "\\n");

    assertSameKey(PemKeys.parse(env));
  }

  @Test
  void parse_pemFlattenedOntoOneLineWithSpaces_readsTheKey() {
    String oneLine = TestKeys.pkcs1Pem(RSA).strip().replace("\n", " ");

    assertSameKey(PemKeys.parse(oneLine));
  }

  @Test
  void parse_windowsLineEndingsAndSurroundingQuotes_readsTheKey() {
    assertSameKey(PemKeys.parse("\"" + TestKeys.pkcs8Pem(RSA).replace("\n", "\r\n") + "\""));
  }

  @Test
  void parse_keyAfterACertificateInOneFile_picksTheKey() {
    String bundle = TestKeys.pem("CERTIFICATE", new byte[] {1, 2, 3}) + TestKeys.pkcs1Pem(RSA);

    assertSameKey(PemKeys.parse(bundle));
  }

  @Test
  void read_pkcs1File_readsTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("app.pem"), TestKeys.pkcs1Pem(RSA));

    assertSameKey(PemKeys.read(file));
  }

  @Test
  void parse_encryptedPkcs1_saysEncryptedAndHowToDecrypt() {
    String pem =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"
            + body(RSA)
            + "\n-----END RSA PRIVATE KEY-----\n";

    assertRefused(pem, "encrypted", "openssl rsa -in key.pem -out key-decrypted.pem");
  }

  @Test
  void parse_encryptedPkcs8_saysEncryptedAndHowToDecrypt() {
    assertRefused(
        TestKeys.pem("ENCRYPTED PRIVATE KEY", RSA.getPrivate().getEncoded()),
        "encrypted",
        "openssl rsa -in key.pem -out key-decrypted.pem");
  }

  @Test
  void parse_openSshKey_saysOpenSshAndWhereToGetAnAppKey() {
    assertRefused(
        TestKeys.pem(
            "OPENSSH PRIVATE KEY", "openssh-key-v1\0 and more".getBytes(StandardCharsets.UTF_8)),
        "OpenSSH",
        "app's settings");
  }

  @Test
  void parse_ecKeyInSec1Form_saysEcNeedsRsa() {
    assertRefused(
        TestKeys.pem("EC PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}),
        "EC private key",
        "RSA");
  }

  @Test
  void parse_ecKeyInPkcs8Form_saysEcNeedsRsa() {
    KeyPair ec = TestKeys.generate("EC", 256);

    assertRefused(
        TestKeys.pem("PRIVATE KEY", ec.getPrivate().getEncoded()), "EC private key", "RSA");
  }

  @Test
  void parse_ed25519Key_saysEd25519NeedsRsa() {
    KeyPair ed = TestKeys.generate("Ed25519", 0);

    assertRefused(TestKeys.pem("PRIVATE KEY", ed.getPrivate().getEncoded()), "Ed25519", "RSA");
  }

  @Test
  void parse_publicKey_saysPublicAndThatThePrivateOneIsNeeded() {
    assertRefused(
        TestKeys.pem("PUBLIC KEY", RSA.getPublic().getEncoded()), "public key", "private key");
  }

  @Test
  void parse_certificate_saysCertificate() {
    assertRefused(
        TestKeys.pem("CERTIFICATE", RSA.getPublic().getEncoded()), "certificate", "private key");
  }

  @Test
  void parse_sshPublicKeyLine_saysSshPublicKey() {
    assertRefused(
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host", "SSH public key", "app's settings");
  }

  @Test
  void parse_garbage_saysNotPemAndHowToPassIt() {
    assertRefused("this is not a key at all", "not a PEM private key", "BEGIN and END lines");
  }

  @Test
  void parse_empty_saysEmpty() {
    assertRefused("  \n ", "empty", "app's settings");
  }

  @Test
  void parse_null_saysNull() {
    assertRefused(null, "null", "app's settings");
  }

  @Test
  void parse_truncatedAfterBegin_saysCutOff() {
    String pem = TestKeys.pkcs1Pem(RSA);

    assertRefused(
        pem.substring(0, pem.length() / 2),
        "no matching -----END RSA PRIVATE KEY-----",
        "whole file");
  }

  @Test
  void parse_pkcs1BodyUnderThePkcs8Label_readsTheKeyAndNotesTheMixUpAtDebugOnly() {
    String mislabelled =
        TestKeys.pem("PRIVATE KEY", TestKeys.pkcs1Der(RSA.getPrivate().getEncoded()));

    List<ILoggingEvent> logged = logsOf(() -> assertSameKey(PemKeys.parse(mislabelled)));

    assertThat(logged)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(e.getFormattedMessage())
                  .contains("labelled BEGIN PRIVATE KEY but holds a PKCS#1 key")
                  .contains("RSA PRIVATE KEY");
              assertNoKeyMaterial(e.getFormattedMessage(), mislabelled);
            });
  }

  @Test
  void parse_pkcs8BodyUnderThePkcs1Label_readsTheKeyAndNotesTheMixUpAtDebugOnly() {
    String mislabelled = TestKeys.pem("RSA PRIVATE KEY", RSA.getPrivate().getEncoded());

    List<ILoggingEvent> logged = logsOf(() -> assertSameKey(PemKeys.parse(mislabelled)));

    assertThat(logged)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(e.getFormattedMessage())
                  .contains("labelled BEGIN RSA PRIVATE KEY but holds a PKCS#8 key");
            });
  }

  @Test
  void parse_ecPkcs8BodyUnderThePkcs1Label_saysEcRatherThanTruncated() {
    KeyPair ec = TestKeys.generate("EC", 256);

    assertRefused(
        TestKeys.pem("RSA PRIVATE KEY", ec.getPrivate().getEncoded()), "EC private key", "RSA");
  }

  @Test
  void parse_corruptPkcs1Body_saysNotAValidRsaKey() {
    byte[] der = TestKeys.pkcs1Der(RSA.getPrivate().getEncoded());

    assertRefused(
        TestKeys.pem("RSA PRIVATE KEY", java.util.Arrays.copyOf(der, der.length / 2)),
        "not a valid RSA private key",
        "Copy the whole file");
  }

  @Test
  void parse_corruptBody_saysNotAValidRsaKey() {
    byte[] der = RSA.getPrivate().getEncoded();
    byte[] cut = java.util.Arrays.copyOf(der, der.length / 2);

    assertRefused(
        TestKeys.pem("PRIVATE KEY", cut), "not a valid RSA private key", "Copy the whole file");
  }

  @Test
  void parse_bodyThatIsNotBase64_saysNotBase64() {
    assertRefused(
        "-----BEGIN RSA PRIVATE KEY-----\n%%%% not base64 %%%%\n-----END RSA PRIVATE KEY-----",
        "not valid base64", "Copy the whole file");
  }

  @Test
  void parse_aPathGivenAsPemText_saysItIsAPathAndHowToPassIt() throws Exception {
    Path file = Files.writeString(dir.resolve("app.private-key.pem"), TestKeys.pkcs1Pem(RSA));

    assertThatThrownBy(() -> PemKeys.parse(file.toString()))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("looks like a file path")
        .hasMessageContaining("privateKey(Path.of(\"" + file + "\"))");
  }

  @Test
  void read_missingFile_namesTheAbsolutePath() {
    Path missing = dir.resolve("nope.pem");

    assertThatThrownBy(() -> PemKeys.read(missing))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void read_relativeMissingFile_namesTheWorkingDirectory() {
    assertThatThrownBy(() -> PemKeys.read(Path.of("no-such-dir/app.pem")))
        .hasMessageContaining("relative paths resolve against the working directory");
  }

  @Test
  void read_directory_saysPassTheFile() {
    assertThatThrownBy(() -> PemKeys.read(dir))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void read_pemTextGivenAsAPath_saysSoWithoutEchoingIt() {
    String pem = TestKeys.pkcs1Pem(RSA);

    assertThatThrownBy(() -> PemKeys.read(Path.of(pem)))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("PEM text instead of a file path")
        .satisfies(e -> assertNoKeyMaterial(e.getMessage(), pem));
  }

  @Test
  void read_binaryDerFile_saysHowToConvert() throws Exception {
    Path file = Files.write(dir.resolve("key.der"), RSA.getPrivate().getEncoded());

    assertThatThrownBy(() -> PemKeys.read(file))
        .hasMessageContaining("binary (DER)")
        .hasMessageContaining("openssl rsa -inform DER");
  }

  /**
   * Found by PemKeysFuzzTest: text ending in .pem was echoed as a path, however much base64 it held
   * (part of a key pasted with a name after it, say).
   */
  @Test
  void parse_pathLikeTextHoldingLongBase64_isNotEchoed() {
    String text = "MIIEowIBAAKCAQEAuJGyC/bvRK1PbCODhwdUSh6tpBp+Z7rRAfLqBdjz.pem";

    assertThatThrownBy(() -> PemKeys.parse(text))
        .isInstanceOf(PrivateKeyException.class)
        .message()
        .doesNotContain("MIIEowIBAAKCAQEAuJGyC")
        .contains("no '-----BEGIN' line");
  }

  /**
   * Found by PemKeysFuzzTest: KeyFactory loads a key whose CRT values were edited, and every JWT
   * signed with it then failed at request time. It is refused where it is given.
   */
  @Test
  void parse_keyWithAnEditedCrtValue_isRefusedAsEdited() throws Exception {
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) RSA.getPrivate();
    RSAPrivateCrtKeySpec edited =
        new RSAPrivateCrtKeySpec(
            k.getModulus(),
            k.getPublicExponent(),
            k.getPrivateExponent(),
            k.getPrimeP(),
            k.getPrimeQ(),
            k.getPrimeExponentP(),
            k.getPrimeExponentQ(),
            k.getCrtCoefficient().add(BigInteger.ONE));
    byte[] pkcs8 = KeyFactory.getInstance("RSA").generatePrivate(edited).getEncoded();

    assertThatThrownBy(() -> PemKeys.parse(TestKeys.pem("PRIVATE KEY", pkcs8)))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("not a valid RSA private key")
        .hasMessageContaining("truncated or edited");
  }

  private static void assertRefused(String pem, String says, String advises) {
    assertThatThrownBy(() -> PemKeys.parse(pem))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining(says)
        .hasMessageContaining(advises)
        .satisfies(e -> assertNoKeyMaterial(e.getMessage(), pem));
  }

  /** No run of 12 characters of the PEM body (the key material) appears in the message. */
  static void assertNoKeyMaterial(String message, String pem) {
    if (pem == null) {
      return;
    }
    String material = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("[^A-Za-z0-9+/]", "");
    for (int i = 0; i + 12 <= material.length(); i++) {
      assertThat(message).doesNotContain(material.substring(i, i + 12));
    }
  }

  /** What PemKeys logged (at any level) while {@code action} ran. */
  private static List<ILoggingEvent> logsOf(Runnable action) {
    Logger logger = (Logger) LoggerFactory.getLogger(PemKeys.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      action.run();
    } finally {
      logger.detachAppender(appender);
    }
    return appender.list;
  }

  private static String body(KeyPair pair) {
    return Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(pair.getPrivate().getEncoded());
  }

  private static void assertSameKey(RSAPrivateKey key) {
    RSAPrivateCrtKey expected = (RSAPrivateCrtKey) RSA.getPrivate();
    assertThat(key.getModulus()).isEqualTo(expected.getModulus());
    assertThat(key.getPrivateExponent()).isEqualTo(expected.getPrivateExponent());
  }
}
