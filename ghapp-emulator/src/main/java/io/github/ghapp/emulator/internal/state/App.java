package io.github.ghapp.emulator.internal.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A GitHub App. Immutable: a change (a new key) replaces the record in {@link EmulatorState}.
 *
 * @param clientId null only in a draft handed to {@link EmulatorState#addApp}, which derives one
 * @param ownerLogin the owning account's login, or null to let the emulator pick (see README)
 * @param webhook null when the app has no webhook
 */
public record App(
    long id,
    String clientId,
    String slug,
    String name,
    String description,
    String ownerLogin,
    Permissions permissions,
    List<String> events,
    List<AppKey> keys,
    Webhook webhook,
    Instant createdAt) {

  public App {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(createdAt, "createdAt");
    events = List.copyOf(events);
    keys = List.copyOf(keys);
  }

  App withKeys(List<AppKey> newKeys) {
    return with(newKeys, webhook);
  }

  App withWebhook(Webhook newWebhook) {
    return with(keys, newWebhook);
  }

  private App with(List<AppKey> newKeys, Webhook newWebhook) {
    return new App(
        id,
        clientId,
        slug,
        name,
        description,
        ownerLogin,
        permissions,
        events,
        newKeys,
        newWebhook,
        createdAt);
  }

  /**
   * GitHub's client ids look like {@code Iv23li...}; a derived one keeps generated apps distinct.
   */
  static String defaultClientId(long appId) {
    return String.format("Iv1.%016x", appId);
  }

  /** The login GitHub gives the app's bot user, e.g. {@code octo-app[bot]}. */
  public String botLogin() {
    return slug + "[bot]";
  }
}
