package io.github.ghapp.emulator.internal.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.RouteRequest;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.Repository;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link RouteRequest} over the emulator's own request, for user routes' handlers. */
final class UserRouteRequest implements RouteRequest {

  private final ApiRequest request;
  private final Repository repository;

  UserRouteRequest(ApiRequest request, Repository repository) {
    this.request = request;
    this.repository = repository;
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public CredentialKind credential() {
    return request.caller().kind();
  }

  @Override
  public OptionalLong installationId() {
    return request.caller() instanceof Caller.InstallationCaller installation
        ? OptionalLong.of(installation.installation().id())
        : OptionalLong.empty();
  }

  @Override
  public OptionalLong appId() {
    Caller caller = request.caller();
    if (caller instanceof Caller.InstallationCaller installation) {
      return OptionalLong.of(installation.installation().appId());
    }
    if (caller instanceof Caller.AppCaller app) {
      return OptionalLong.of(app.app().id());
    }
    return OptionalLong.empty();
  }

  @Override
  public Map<String, String> permissions() {
    return request.caller() instanceof Caller.InstallationCaller installation
        ? Collections.unmodifiableMap(installation.token().permissions().asJsonMap())
        : Map.of();
  }

  @Override
  public Optional<String> repository() {
    return Optional.ofNullable(repository).map(Repository::fullName);
  }

  @Override
  public String pathParameter(String name) {
    String value = request.parameters().get(name);
    if (value == null) {
      throw new IllegalArgumentException("this route's path has no placeholder {" + name + "}");
    }
    return value;
  }

  @Override
  public Map<String, String> pathParameters() {
    return Collections.unmodifiableMap(request.parameters());
  }

  @Override
  public Optional<String> query(String name) {
    return request.query(name);
  }

  @Override
  public Map<String, List<String>> queryParameters() {
    return Collections.unmodifiableMap(request.queryParameters());
  }

  @Override
  public Optional<String> header(String name) {
    return request.header(name);
  }

  @Override
  public Object body() {
    JsonNode json = request.jsonBody();
    return Json.MAPPER.convertValue(json, Object.class);
  }

  @Override
  public String bodyText() {
    return request.bodyText();
  }

  @Override
  public Instant now() {
    return request.now();
  }

  @Override
  public String toString() {
    return "RouteRequest[" + method() + " " + path() + ", " + credential() + "]";
  }
}
