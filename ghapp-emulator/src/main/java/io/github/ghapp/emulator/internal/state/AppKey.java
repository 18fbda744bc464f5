package io.github.ghapp.emulator.internal.state;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * One of an app's keys. GitHub only keeps the public half; the emulator also keeps the private PEM
 * when it generated the key or read it from a private key file, so that tests can sign with it.
 * {@link #toString()} never shows the private key.
 */
public record AppKey(RSAPublicKey publicKey, String privateKeyPem) {

  public AppKey {
    Objects.requireNonNull(publicKey, "publicKey");
  }

  static AppKey fromPrivatePem(String pem) {
    return new AppKey(Pem.publicKeyOf(Pem.parsePrivateKey(pem)), pem);
  }

  public boolean hasPrivateKey() {
    return privateKeyPem != null;
  }

  /** True when this key is the public half of the given private PEM. */
  public boolean matchesPrivatePem(String pem) {
    return publicKey.getModulus().equals(Pem.parsePrivateKey(pem).getModulus());
  }

  @Override
  public String toString() {
    return "AppKey[modulusBits="
        + publicKey.getModulus().bitLength()
        + ", privateKey="
        + (hasPrivateKey() ? "held" : "absent")
        + "]";
  }
}
