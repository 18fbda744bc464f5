package io.github.ghapp.emulator.internal;

import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.AccountType;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.AppKey;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.NewInstallation;
import io.github.ghapp.emulator.internal.state.Permissions;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.RepositorySelection;
import io.github.ghapp.emulator.internal.state.StateLoader;
import io.github.ghapp.emulator.internal.state.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * State changes at run time, shared by the Java API ({@code GitHubEmulator.createApp(...)}) and the
 * HTTP admin API ({@code /_emulator/...}) so that both do exactly the same thing. Invalid input is
 * an {@link IllegalArgumentException} whose message says what to fix.
 */
public final class Administration {

  private final EmulatorState state;
  private final Supplier<Instant> now;

  Administration(EmulatorState state, Supplier<Instant> now) {
    this.state = state;
    this.now = now;
  }

  /**
   * Registers an app with a freshly generated key; {@code id} 0 picks one, a null client id derives
   * one.
   *
   * @return the app; its only key holds the private PEM to hand to the caller
   */
  public App createApp(
      long id,
      String clientId,
      String slug,
      String name,
      Map<String, String> permissions,
      List<String> events,
      Webhook webhook) {
    if (slug == null || slug.isBlank()) {
      throw new IllegalArgumentException("an app needs a slug, e.g. \"my-app\"");
    }
    if (webhook != null) {
      Webhook.checkUrl(webhook.url());
    }
    AppKey key = StateLoader.generatedKey();
    App draft =
        new App(
            id,
            clientId,
            slug,
            name != null ? name : slug,
            null,
            null,
            Permissions.parse(permissions, "app " + slug),
            events == null ? List.of() : events,
            List.of(key),
            webhook,
            now.get());
    return state.addApp(draft);
  }

  /** Adds a new key to an app (key rotation) and returns its private PEM. */
  public String addKey(long appId) {
    AppKey key = StateLoader.generatedKey();
    state.updateKeys(
        appId,
        keys -> {
          keys.add(key);
          return keys;
        });
    return key.privateKeyPem();
  }

  /**
   * Removes the key whose private half is {@code privateKeyPem}; JWTs signed with it stop working.
   */
  public void removeKey(long appId, String privateKeyPem) {
    state.updateKeys(
        appId,
        keys -> {
          if (!keys.removeIf(k -> k.matchesPrivatePem(privateKeyPem))) {
            throw new IllegalArgumentException(
                "app " + appId + " has no key matching the given private key");
          }
          return keys;
        });
  }

  /**
   * Points an app's webhook at {@code url}, signed with {@code secret} (null: unsigned); the next
   * delivery goes there. A null {@code url} removes the webhook.
   */
  public App setWebhook(long appId, String url, String secret) {
    if (url != null) {
      Webhook.checkUrl(url);
    }
    return state.updateWebhook(appId, old -> url == null ? null : new Webhook(url, secret));
  }

  /** The app with this id, or a message listing the ones there are. */
  public App app(long id) {
    return state
        .app(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no app with id "
                        + id
                        + "; apps: "
                        + state.apps().stream().map(App::id).toList()));
  }

  public Repository repository(String owner, String name) {
    return state
        .repository(owner, name)
        .orElseThrow(() -> new IllegalArgumentException("no repository " + owner + "/" + name));
  }

  public Account createAccount(String login, String type) {
    return state.addAccount(login, AccountType.parse(type), null);
  }

  public Repository createRepository(String owner, String name, boolean isPrivate) {
    return state.addRepository(owner, name, isPrivate, null);
  }

  public Installation createInstallation(NewInstallation spec) {
    return state.addInstallation(spec);
  }

  /** Installs the app on every repository of the account, with all of the app's permissions. */
  public Installation installOnAll(long appId, String account) {
    return createInstallation(
        new NewInstallation(
            null, appId, account, RepositorySelection.ALL, null, null, null, false));
  }

  /** Installs the app on these repositories of the account; null permissions: the app's. */
  public Installation installOn(
      long appId, String account, List<String> repositories, Map<String, String> permissions) {
    return createInstallation(
        new NewInstallation(
            null,
            appId,
            account,
            RepositorySelection.SELECTED,
            repositories,
            permissions,
            null,
            false));
  }

  public Installation suspend(long installationId) {
    return state.setSuspended(installationId, true);
  }

  public Installation uninstall(long installationId) {
    return state.removeInstallation(installationId);
  }

  public Installation unsuspend(long installationId) {
    return state.setSuspended(installationId, false);
  }
}
