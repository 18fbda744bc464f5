package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.FaultState;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import io.github.ghapp.emulator.internal.auth.IssuedToken;
import io.github.ghapp.emulator.internal.auth.MintedToken;
import io.github.ghapp.emulator.internal.auth.TokenRegistry;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Permissions;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.RepositorySelection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /app/installations/{installation_id}/access_tokens} (GITHUB-FACTS.md section 3): a
 * token that can only narrow its installation's reach and permissions, valid one hour by the
 * emulator's clock.
 */
final class AccessTokenRoute {

  static final String DOCS =
      "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";
  static final Duration LIFETIME = Duration.ofHours(1);
  static final int MAX_REPOSITORIES = 500;

  /**
   * Unconfirmed: GitHub refuses permissions x repositories requests that are "too complex" without
   * publishing the bound; the emulator draws it here so that clients can be tested against the
   * refusal.
   */
  static final int MAX_GRANTS = 5_000;

  static final String NOT_GRANTED =
      "The permissions requested are not granted to this installation.";
  static final String NOT_ACCESSIBLE =
      "There is at least one repository that does not exist or is not "
          + "accessible to the parent installation.";

  private final EmulatorState state;
  private final TokenRegistry tokens;
  private final Representations json;
  private final FaultState faults;

  private AccessTokenRoute(
      EmulatorState state, TokenRegistry tokens, FaultState faults, Representations json) {
    this.state = state;
    this.tokens = tokens;
    this.faults = faults;
    this.json = json;
  }

  static void register(
      Router router,
      EmulatorState state,
      TokenRegistry tokens,
      FaultState faults,
      Representations json) {
    router.rest(
        "POST",
        "/app/installations/{installation_id}/access_tokens",
        Access.APP,
        DOCS,
        new AccessTokenRoute(state, tokens, faults, json)::mint);
  }

  /** GitHub's hour, unless a fault asks for shorter (or longer) tokens. */
  private Duration lifetime() {
    Duration injected = faults.tokenLifetime();
    return injected != null ? injected : LIFETIME;
  }

  private ApiResponse mint(ApiRequest request) {
    long id = request.longParam("installation_id");
    request.noteInstallation(id);
    Installation installation = AppRoutes.ownInstallation(state, request.app().app(), id);
    if (installation.isSuspended()) {
      throw ApiException.of(403, CredentialResolver.SUSPENDED);
    }
    JsonNode body = request.jsonBody();
    if (!body.isObject()) {
      throw invalid("Invalid request.\n\n" + body + " is not an object.");
    }
    List<String> names = strings(body, "repositories");
    List<Long> ids = integers(body, "repository_ids");
    Map<String, String> requestedPermissions = permissionMap(body);
    if (names.size() + ids.size() > MAX_REPOSITORIES) {
      throw tooManyRepositories(names.size() + ids.size());
    }

    List<Repository> reachable = state.reachableRepositories(installation);
    Set<Long> narrowed = null;
    if (!names.isEmpty() || !ids.isEmpty()) {
      narrowed = new LinkedHashSet<>();
      for (String name : names) {
        narrowed.add(find(reachable, r -> r.name().equalsIgnoreCase(name)).id());
      }
      for (long repositoryId : ids) {
        narrowed.add(find(reachable, r -> r.id() == repositoryId).id());
      }
    }
    Permissions permissions = installation.permissions();
    if (!requestedPermissions.isEmpty()) {
      for (Map.Entry<String, String> e : requestedPermissions.entrySet()) {
        Optional<PermissionLevel> level = PermissionLevel.parse(e.getValue());
        if (level.isEmpty() || !installation.permissions().allows(e.getKey(), level.get())) {
          throw ApiException.of(422, NOT_GRANTED);
        }
      }
      permissions = Permissions.parse(requestedPermissions, "the request");
    }
    if (narrowed != null && (long) narrowed.size() * permissions.size() > MAX_GRANTS) {
      throw ApiException.of(
          422,
          "The permissions and repositories requested are too complex. Request at "
              + "most "
              + (MAX_GRANTS / permissions.size())
              + " repositories with these "
              + permissions.size()
              + " permissions, or fewer permissions.");
    }

    Instant now = request.now();
    RepositorySelection selection =
        narrowed != null ? RepositorySelection.SELECTED : installation.repositorySelection();
    IssuedToken details =
        new IssuedToken(
            installation.id(),
            installation.appId(),
            selection,
            narrowed,
            permissions,
            now,
            now.truncatedTo(ChronoUnit.SECONDS).plus(lifetime()));
    MintedToken minted = tokens.issue(details, now);

    ObjectNode answer = Json.object();
    answer.put("token", minted.token());
    answer.put("expires_at", Json.time(details.expiresAt()));
    answer.set("permissions", Representations.permissions(permissions));
    answer.put("repository_selection", selection.jsonName());
    if (selection == RepositorySelection.SELECTED) {
      Set<Long> scope = narrowed;
      List<Repository> repositories = new ArrayList<>(reachable);
      repositories.removeIf(r -> scope != null && !scope.contains(r.id()));
      answer.set("repositories", json.repositories(repositories));
    }
    answer.put("has_multiple_single_files", false);
    answer.set("single_file_paths", Json.array());
    return ApiResponse.json(201, answer);
  }

  private static Repository find(
      List<Repository> reachable, java.util.function.Predicate<Repository> which) {
    return reachable.stream()
        .filter(which)
        .findFirst()
        .orElseThrow(() -> ApiException.of(422, NOT_ACCESSIBLE));
  }

  private static List<String> strings(JsonNode body, String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode item : array(body, field)) {
      if (!item.isTextual()) {
        throw invalid("Invalid request.\n\nFor 'items', " + item + " is not a string.");
      }
      values.add(item.asText());
    }
    return values;
  }

  private static List<Long> integers(JsonNode body, String field) {
    List<Long> values = new ArrayList<>();
    for (JsonNode item : array(body, field)) {
      if (!item.isIntegralNumber()) {
        throw invalid("Invalid request.\n\nFor 'items', " + item + " is not an integer.");
      }
      values.add(item.asLong());
    }
    return values;
  }

  private static Iterable<JsonNode> array(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(
          "Invalid request.\n\nFor 'properties/" + field + "', " + value + " is not an array.");
    }
    return value;
  }

  private static Map<String, String> permissionMap(JsonNode body) {
    JsonNode value = body.get("permissions");
    Map<String, String> permissions = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return permissions;
    }
    if (!value.isObject()) {
      throw invalid(
          "Invalid request.\n\nFor 'properties/permissions', " + value + " is not an object.");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw invalid(
            "Invalid request.\n\nFor 'properties/"
                + e.getKey()
                + "', "
                + e.getValue()
                + " is not a string.");
      }
      permissions.put(e.getKey(), e.getValue().asText());
    }
    return permissions;
  }

  /** GitHub's schema validation answer: 422 with the JSON-schema wording. */
  private static ApiException invalid(String message) {
    return ApiException.of(422, message);
  }

  /**
   * More than 500 repositories: a {@code validation-error} naming the field (the exact wording is
   * unconfirmed; the limit is documented).
   */
  private static ApiException tooManyRepositories(int count) {
    ArrayNode errors = Json.array();
    ObjectNode error = errors.addObject();
    error.put("resource", "InstallationAccessToken");
    error.put("field", "repositories");
    error.put("code", "invalid");
    error.put(
        "message",
        "A token can be scoped to at most "
            + MAX_REPOSITORIES
            + " repositories; "
            + count
            + " were requested.");
    return ApiException.validation("Validation Failed", errors);
  }
}
