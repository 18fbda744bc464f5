package io.github.ghapp.auth.internal.token;

import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubResponse;
import io.github.ghapp.auth.InstallationToken;
import io.github.ghapp.auth.NotFoundException;
import io.github.ghapp.auth.TokenRequest;
import io.github.ghapp.auth.internal.credentials.RecentMints;
import io.github.ghapp.auth.internal.http.Credentials;
import io.github.ghapp.auth.internal.http.Json;
import io.github.ghapp.auth.internal.http.RestCaller;
import io.github.ghapp.auth.internal.http.Route;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints installation tokens with GitHub's REST API ({@code POST
 * /app/installations/{installation_id}/access_tokens}, as the app), for the token cache's refreshes
 * and for {@code GitHubApp.createToken} alike: one place that builds the request, says plainly what
 * a 404 means here, notes the mint for the 401-after-mint rule and tells the listener.
 */
public final class RestTokenMinter implements TokenMinter {
  private static final Logger log = LoggerFactory.getLogger(RestTokenMinter.class);
  private static final String ROUTE = "POST /app/installations/{installation_id}/access_tokens";

  private final RestCaller caller;
  private final Credentials appJwt;
  private final RecentMints recentMints;
  private final GitHubAppListener listener;

  /**
   * @param appJwt the app's own credentials: only the app may mint
   * @param recentMints told of every mint, so a refusal moments later is taken for replication lag
   * @param listener told of every mint; must not throw (the app guards it)
   */
  public RestTokenMinter(
      RestCaller caller, Credentials appJwt, RecentMints recentMints, GitHubAppListener listener) {
    this.caller = caller;
    this.appJwt = appJwt;
    this.recentMints = recentMints;
    this.listener = listener;
  }

  @Override
  public InstallationToken mint(long installationId, TokenRequest request) {
    long started = System.nanoTime();
    GitHubResponse response;
    Route route = route(installationId, request);
    try {
      response = caller.send(route, appJwt);
    } catch (NotFoundException e) {
      throw new NotFoundException(
          "This app has no installation "
              + installationId
              + " ("
              + e.request()
              + " answered 404). Find the installation's id with GET /repos/{owner}/{repo}/installation or GET"
              + " /app/installations, or take it from a webhook's installation.id",
          e.details());
    }
    InstallationToken token;
    try {
      token = Json.installationToken(response.body());
    } catch (IllegalArgumentException e) {
      throw Json.notGitHub(route.describe(), response.status(), response.headers(), e.getMessage());
    }
    recentMints.minted(token.token());
    log.debug(
        "Minted a token for installation {} ({} repositories, permissions {}), expiring {}",
        installationId,
        token.repositories().isEmpty() ? "all" : token.repositories().size(),
        token.permissions().keySet(),
        token.expiresAt());
    listener.tokenMinted(
        installationId, Duration.ofNanos(System.nanoTime() - started), token.expiresAt());
    return token;
  }

  private Route route(long installationId, TokenRequest request) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("installation_id", installationId);
    if (!request.repositories().isEmpty()) {
      params.put("repositories", request.repositories());
    }
    if (!request.repositoryIds().isEmpty()) {
      params.put("repository_ids", request.repositoryIds());
    }
    if (!request.permissions().isEmpty()) {
      params.put("permissions", request.permissions());
    }
    return Route.expand(ROUTE, params, caller.endpoints());
  }

  @Override
  public String toString() {
    return "RestTokenMinter{" + caller.endpoints().rest() + "}";
  }
}
