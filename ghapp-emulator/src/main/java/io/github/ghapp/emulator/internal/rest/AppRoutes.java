package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.Repository;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JWT-only routes (GITHUB-FACTS.md sections 1, 2 and 5): the app itself, its installations and
 * the three installation look-ups. Minting lives in {@link AccessTokenRoute}.
 */
final class AppRoutes {

  private static final String DOCS = "https://docs.github.com/rest/apps/apps";

  private final EmulatorState state;
  private final Representations json;

  private AppRoutes(EmulatorState state, Representations json) {
    this.state = state;
    this.json = json;
  }

  static void register(Router router, EmulatorState state, Representations json) {
    AppRoutes routes = new AppRoutes(state, json);
    router
        .rest("GET", "/app", Access.APP, DOCS + "#get-the-authenticated-app", routes::app)
        .rest(
            "GET",
            "/app/installations",
            Access.APP,
            DOCS + "#list-installations-for-the-authenticated-app",
            routes::installations)
        .rest(
            "GET",
            "/app/installations/{installation_id}",
            Access.APP,
            DOCS + "#get-an-installation-for-the-authenticated-app",
            routes::installation)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/installation",
            Access.APP,
            DOCS + "#get-a-repository-installation-for-the-authenticated-app",
            routes::repositoryInstallation)
        .rest(
            "GET",
            "/orgs/{org}/installation",
            Access.APP,
            DOCS + "#get-an-organization-installation-for-the-authenticated-app",
            routes::organizationInstallation)
        .rest(
            "GET",
            "/users/{username}/installation",
            Access.APP,
            DOCS + "#get-a-user-installation-for-the-authenticated-app",
            routes::userInstallation);
  }

  private ApiResponse app(ApiRequest request) {
    return ApiResponse.ok(json.app(request.app().app()));
  }

  /** Paginated, oldest first; {@code since} keeps installations updated at or after it. */
  private ApiResponse installations(ApiRequest request) {
    Instant since = request.query("since").map(AppRoutes::parseTimestamp).orElse(null);
    List<Installation> all =
        state.installationsOf(request.app().app().id()).stream()
            .filter(i -> since == null || !i.updatedAt().isBefore(since))
            .collect(Collectors.toList());
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(all).forEach(i -> page.add(json.installation(i)));
    return pagination.link(ApiResponse.ok(page), request, all.size());
  }

  private ApiResponse installation(ApiRequest request) {
    long id = request.longParam("installation_id");
    request.noteInstallation(id);
    return ApiResponse.ok(json.installation(ownInstallation(request.app().app(), id)));
  }

  private ApiResponse repositoryInstallation(ApiRequest request) {
    App app = request.app().app();
    Repository repository =
        state
            .repository(request.param("owner"), request.param("repo"))
            .orElseThrow(ApiException::notFound);
    Installation installation =
        state
            .installationOn(app.id(), repository.owner().login())
            .filter(i -> state.reaches(i, repository))
            .orElseThrow(ApiException::notFound);
    request.noteInstallation(installation.id());
    return ApiResponse.ok(json.installation(installation));
  }

  private ApiResponse organizationInstallation(ApiRequest request) {
    Account account =
        state
            .account(request.param("org"))
            .filter(Account::isOrganization)
            .orElseThrow(ApiException::notFound);
    return accountInstallation(request, account);
  }

  private ApiResponse userInstallation(ApiRequest request) {
    Account account = state.account(request.param("username")).orElseThrow(ApiException::notFound);
    return accountInstallation(request, account);
  }

  private ApiResponse accountInstallation(ApiRequest request, Account account) {
    Installation installation =
        state
            .installationOn(request.app().app().id(), account.login())
            .orElseThrow(ApiException::notFound);
    request.noteInstallation(installation.id());
    return ApiResponse.ok(json.installation(installation));
  }

  /**
   * The installation if it belongs to this app; another app's installation is as absent as a
   * missing one.
   */
  static Installation ownInstallation(EmulatorState state, App app, long id) {
    return state
        .installation(id)
        .filter(i -> i.appId() == app.id())
        .orElseThrow(ApiException::notFound);
  }

  private Installation ownInstallation(App app, long id) {
    return ownInstallation(state, app, id);
  }

  private static Instant parseTimestamp(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.of(
          422,
          "Invalid request.\n\nFor 'since', \""
              + value
              + "\" is not a timestamp "
              + "(ISO 8601 format: YYYY-MM-DDTHH:MM:SSZ).");
    }
  }
}
