package io.github.ghapp.cli;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.NotFoundException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * The app as one command uses it: the {@link GitHubApp}, and the disk caches of tokens and
 * installation ids when the command uses them.
 *
 * @param app the configured app (its token store is {@code tokens} when that is not null)
 * @param appKey the client ID or app ID the app was configured with, as the library keys tokens by
 *     it
 * @param tokens the disk token cache, or null
 * @param installations the cache of looked-up installation ids, or null
 * @param timeout how long one request to GitHub may take in all ({@code --timeout})
 * @param ownClient the HTTP client the command gave the app (for a short {@code --timeout}), or
 *     null when the app uses the library's default
 */
record Session(
    GitHubApp app,
    String appKey,
    FileTokenStore tokens,
    InstallationCache installations,
    Duration timeout,
    HttpClient ownClient)
    implements AutoCloseable {

  /**
   * Closes the app's HTTP client: a JVM that exits while a client's selector thread waits in native
   * code waits about 300 ms for it, which would be most of a cold {@code ghapp token}.
   */
  @Override
  public void close() {
    app.close();
    if (ownClient != null) {
      HttpClients.close(ownClient);
    }
  }

  /**
   * Runs {@code action} (a mint) with the installation {@code selector} names. An id from the cache
   * that GitHub no longer knows (404 on the mint: the app was reinstalled) is forgotten, looked up
   * again, and {@code action} runs once more with the new id.
   */
  <T> T withInstallation(InstallationSelector selector, LongFunction<T> action) {
    String lookup = app.baseUrl() + "\n" + appKey + "\n" + selector.describe();
    OptionalLong cached =
        selector.isById() || installations == null
            ? OptionalLong.empty()
            : installations.get(lookup, selector.expectedAccount());
    if (cached.isPresent()) {
      try {
        return action.apply(cached.getAsLong());
      } catch (NotFoundException e) {
        if (!isMissingInstallation(e)) {
          throw e;
        }
        installations.forget(lookup);
      }
    }
    InstallationSelector.Found found = selector.find(app);
    long id = found.id();
    if (installations != null && !selector.isById()) {
      installations.put(lookup, id, found.account());
    }
    try {
      return action.apply(id);
    } catch (NotFoundException e) {
      if (isMissingInstallation(e)) {
        throw CliException.refused(
            "the app has no installation "
                + id
                + ". List its installations with"
                + " 'ghapp installations'",
            e);
      }
      throw e;
    }
  }

  /** A 404 on minting: the installation does not exist (any more) for this app. */
  private static boolean isMissingInstallation(NotFoundException e) {
    return e.request().endsWith("/access_tokens");
  }

  /** The id cached for {@code selector} without asking GitHub, if it was looked up before. */
  OptionalLong cachedInstallation(InstallationSelector selector) {
    if (selector.isById()) {
      return OptionalLong.of(selector.installationId);
    }
    return installations == null
        ? OptionalLong.empty()
        : installations.get(
            app.baseUrl() + "\n" + appKey + "\n" + selector.describe(), selector.expectedAccount());
  }
}
