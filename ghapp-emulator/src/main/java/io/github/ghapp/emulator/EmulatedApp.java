package io.github.ghapp.emulator;

import io.github.ghapp.emulator.internal.Administration;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.AppKey;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Pem;
import java.security.PrivateKey;

/**
 * An app registered in the emulator, seen from a test: its identifiers and the private key to sign
 * JWTs with.
 *
 * <pre>{@code
 * EmulatedApp app = emu.app(1001);
 * String pem = app.privateKeyPem();   // PKCS#1, as github.com hands it out
 * String next = app.addKey();         // rotation: both keys work until
 * app.removeKey(pem);                 // the old one is removed
 * }</pre>
 *
 * Always reads the current state, so it sees keys added through the admin API too. {@link
 * #toString()} shows no key.
 */
public final class EmulatedApp {

  private final long id;
  private final EmulatorState state;
  private final Administration admin;

  EmulatedApp(long id, EmulatorState state, Administration admin) {
    this.id = id;
    this.state = state;
    this.admin = admin;
  }

  public long id() {
    return id;
  }

  public String clientId() {
    return current().clientId();
  }

  public String slug() {
    return current().slug();
  }

  public String name() {
    return current().name();
  }

  /** The login of the app's bot user, e.g. {@code octo-app[bot]}. */
  public String botLogin() {
    return current().botLogin();
  }

  /**
   * The id of the app's bot user, as {@code GET /users/<slug>[bot]} answers: stable across runs and
   * never the app id (commit e-mail addresses are made of it, {@code
   * <id>+<slug>[bot]@users.noreply.github.com}).
   */
  public long botUserId() {
    return BotUser.of(current()).id();
  }

  /**
   * The private key (PKCS#1 PEM) of the app's first key that the emulator holds privately.
   *
   * @throws IllegalStateException when the app was loaded from public keys only
   */
  public String privateKeyPem() {
    return current().keys().stream()
        .filter(AppKey::hasPrivateKey)
        .map(AppKey::privateKeyPem)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "app "
                        + id
                        + " was given only public keys, so the "
                        + "emulator has no private key for it; use private_key_file in the state or addKey()"));
  }

  /**
   * The key of {@link #privateKeyPem()} as a {@link PrivateKey}, for clients that take one rather
   * than PEM, or that refuse GitHub's PKCS#1 (hub4j's {@code JWTTokenProvider}, jjwt).
   *
   * @throws IllegalStateException when the app was loaded from public keys only
   */
  public PrivateKey privateKey() {
    return Pem.parsePrivateKey(privateKeyPem());
  }

  /** Adds a new key pair to the app and returns its private key; the older keys stay valid. */
  public String addKey() {
    return admin.addKey(id);
  }

  /**
   * Removes the key whose private half is {@code privateKeyPem}; an app must keep at least one key.
   */
  public void removeKey(String privateKeyPem) {
    admin.removeKey(id, privateKeyPem);
  }

  /**
   * Points the app's webhook at {@code url}, signed with {@code secret}, as {@code PATCH
   * /app/hook/config} does on GitHub. Handy when the receiver starts after the emulator, on a port
   * chosen then. A null url removes the webhook.
   */
  public void setWebhook(String url, String secret) {
    admin.setWebhook(id, url, secret);
  }

  /** The URL deliveries go to, or null when the app has no webhook. */
  public String webhookUrl() {
    return current().webhook() == null ? null : current().webhook().url();
  }

  private App current() {
    return state
        .app(id)
        .orElseThrow(() -> new IllegalStateException("app " + id + " no longer exists"));
  }

  @Override
  public String toString() {
    return "EmulatedApp[id=" + id + ", slug=" + current().slug() + "]";
  }
}
