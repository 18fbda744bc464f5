package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /users/{username}}: the {@code public-user} of an account, or of an app's bot user
 * {@code <slug>[bot]} (type {@code Bot}), whose id is what commit e-mail addresses are made of
 * ({@code <id>+<slug>[bot]@users.noreply.github.com}). Anyone may read it, as on GitHub.
 */
final class UserRoutes {

  private static final String BOT_SUFFIX = "[bot]";

  private final EmulatorState state;
  private final Representations json;
  private final IssueRepresentations bots;

  private UserRoutes(EmulatorState state, Representations json, IssueRepresentations bots) {
    this.state = state;
    this.json = json;
    this.bots = bots;
  }

  static void register(
      Router router, EmulatorState state, Representations json, IssueRepresentations bots) {
    router.rest(
        "GET",
        "/users/{username}",
        Access.INSTALLATION_OR_ANONYMOUS,
        "https://docs.github.com/rest/users/users#get-a-user",
        new UserRoutes(state, json, bots)::get);
  }

  private ApiResponse get(ApiRequest request) {
    String login = request.param("username");
    Optional<Account> account = state.account(login);
    if (account.isPresent()) {
      Account a = account.get();
      long publicRepositories =
          state.repositoriesOf(a).stream().filter(r -> !r.isPrivate()).count();
      return ApiResponse.ok(
          publicFields(json.account(a), a.login(), publicRepositories, a.createdAt()));
    }
    App app = botApp(login).orElseThrow(ApiException::notFound);
    BotUser bot = BotUser.of(app);
    return ApiResponse.ok(publicFields(bots.botUser(bot), null, 0, app.createdAt()));
  }

  /** The app whose bot user has this login, compared case-insensitively as GitHub does. */
  private Optional<App> botApp(String login) {
    String lower = login.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(BOT_SUFFIX)) {
      return Optional.empty();
    }
    return state.apps().stream().filter(a -> a.botLogin().equalsIgnoreCase(lower)).findFirst();
  }

  /** What {@code public-user} adds to {@code simple-user}; a bot's profile is empty. */
  private static ObjectNode publicFields(
      ObjectNode user, String name, long publicRepositories, Instant createdAt) {
    if (name == null) {
      user.putNull("name");
    } else {
      user.put("name", name);
    }
    user.putNull("company");
    user.put("blog", "");
    user.putNull("location");
    user.putNull("email");
    user.putNull("hireable");
    user.putNull("bio");
    user.putNull("twitter_username");
    user.put("public_repos", publicRepositories);
    user.put("public_gists", 0);
    user.put("followers", 0);
    user.put("following", 0);
    user.put("created_at", Json.time(createdAt));
    user.put("updated_at", Json.time(createdAt));
    return user;
  }
}
