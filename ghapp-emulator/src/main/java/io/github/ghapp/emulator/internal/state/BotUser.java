package io.github.ghapp.emulator.internal.state;

/**
 * The user an app acts as when it writes with an installation token: GitHub's {@code <slug>[bot]},
 * of type {@code Bot}. It authors the app's issues and comments, is the {@code sender} of the
 * webhooks they cause, and is GraphQL's {@code viewer}.
 *
 * <p>GitHub gives each bot a user id of its own, unrelated to the app id. The emulator derives one
 * from the app id ({@value #ID_BASE} + app id) so that it is stable across runs, fits GraphQL's
 * 32-bit {@code Int} ({@code databaseId}) and cannot meet the ids the state gives accounts.
 */
public record BotUser(long id, String login, long appId, String slug) {

  static final long ID_BASE = 200_000_000L;

  public static BotUser of(App app) {
    return new BotUser(ID_BASE + app.id(), app.botLogin(), app.id(), app.slug());
  }
}
