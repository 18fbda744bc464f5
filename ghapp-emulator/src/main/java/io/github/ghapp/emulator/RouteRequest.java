package io.github.ghapp.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request as a user route ({@link GitHubEmulator.Builder#route}) sees it: who is calling, once
 * the emulator has checked the credential, the repository its path names, and what it sent.
 *
 * <pre>{@code
 * .route("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", request ->
 *     RouteResponse.ok(Map.of(
 *         "number", Long.parseLong(request.pathParameter("pull_number")),
 *         "title", "from " + request.repository().orElseThrow(),
 *         "installation", request.installationId().orElse(0))))
 * }</pre>
 */
public interface RouteRequest {

  /** {@code GET}, {@code POST}, ... */
  String method();

  /** The path as requested, still percent-encoded, without the query. */
  String path();

  /**
   * Who is calling: {@link CredentialKind#INSTALLATION_TOKEN} or {@link CredentialKind#BASIC} for
   * an installation token, {@link CredentialKind#JWT} for an app, {@link CredentialKind#NONE} for
   * no credential. A refused credential never reaches a route (it is answered 401 before).
   */
  CredentialKind credential();

  /** The installation whose token is calling; empty for an app JWT or no credential. */
  OptionalLong installationId();

  /** The app calling with a JWT, or the app of the calling installation; empty when anonymous. */
  OptionalLong appId();

  /**
   * The calling token's permissions ({@code issues -> write}); empty unless an installation token
   * calls.
   */
  Map<String, String> permissions();

  /**
   * {@code owner/name} as the emulator spells it, when the route's path names {@code
   * {owner}/{repo}}. The emulator has already answered 404 for a repository that does not exist or
   * that the caller may not see, as GitHub does, so the handler only runs for one it may.
   */
  Optional<String> repository();

  /**
   * A placeholder's value, decoded: {@code 7} for {@code {pull_number}} in {@code .../pulls/7}.
   *
   * @throws IllegalArgumentException when the route's path has no such placeholder
   */
  String pathParameter(String name);

  /** Every placeholder's value, decoded. */
  Map<String, String> pathParameters();

  /** The first value of a query parameter, decoded. */
  Optional<String> query(String name);

  /** Every query parameter with all its values, in the order sent. */
  Map<String, List<String>> queryParameters();

  /** A request header, e.g. {@code Accept}; names in any case. */
  Optional<String> header(String name);

  /**
   * The body parsed as JSON into plain Java values: {@code Map<String, Object>} for an object,
   * {@code List<Object>}, {@code String}, a {@code Number}, {@code Boolean}; an empty body is an
   * empty map. Malformed JSON is answered with GitHub's {@code 400 Problems parsing JSON}, as
   * GitHub's own endpoints do.
   */
  Object body();

  /** The body as sent (UTF-8); empty when there is none. */
  String bodyText();

  /** The emulator's time when the request arrived ({@link GitHubEmulator#now()}). */
  Instant now();
}
