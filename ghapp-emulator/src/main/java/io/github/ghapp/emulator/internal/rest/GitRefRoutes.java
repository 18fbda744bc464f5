package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.GitData;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * Git references: get one, list those matching a prefix, create, move (fast-forward, or anywhere
 * with {@code force}) and delete, each move published as a ref update. The {@code {ref}} parameter
 * is {@code heads/main} (Octokit sends {@code heads%2Fmain}); a leading {@code refs/} is accepted
 * too. Reading needs {@code contents: read}, writing {@code contents: write}.
 */
final class GitRefRoutes {

  private static final String DOCS = "https://docs.github.com/rest/git/refs";
  private static final String DEFAULT_BRANCH = "main";
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final GitData git;
  private final GitRepresentations json;

  private GitRefRoutes(
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      GitData git,
      GitRepresentations json) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.git = git;
    this.json = json;
  }

  static void register(
      Router router,
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      GitData git,
      GitRepresentations json) {
    GitRefRoutes routes = new GitRefRoutes(state, repositoryAccess, git, json);
    String refs = "/repos/{owner}/{repo}/git/";
    router
        .rest(
            "GET",
            refs + "ref/{ref}",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-a-reference",
            routes::get)
        .rest(
            "GET",
            refs + "matching-refs/{ref}",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-matching-references",
            routes::matching)
        .rest(
            "POST",
            refs + "refs",
            Access.INSTALLATION,
            DOCS + "#create-a-reference",
            routes::create)
        .rest(
            "PATCH",
            refs + "refs/{ref}",
            Access.INSTALLATION,
            DOCS + "#update-a-reference",
            routes::update)
        .rest(
            "DELETE",
            refs + "refs/{ref}",
            Access.INSTALLATION,
            DOCS + "#delete-a-reference",
            routes::delete);
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    Ref ref = git.ref(repository, fullName(request)).orElseThrow(ApiException::notFound);
    return ApiResponse.ok(represent(repository, ref));
  }

  /**
   * Every ref whose name starts with {@code refs/<ref>}, as a string prefix; none is {@code []}.
   */
  private ApiResponse matching(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    ArrayNode refs = Json.array();
    for (Ref ref : git.refs(repository, fullName(request))) {
      refs.add(represent(repository, ref));
    }
    return ApiResponse.ok(refs);
  }

  private ApiResponse create(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    String name = BodyFields.requiredText(body, "ref");
    ObjectId target = existingObject(repository, BodyFields.requiredText(body, "sha"));
    if (!name.startsWith("refs/") || name.chars().filter(c -> c == '/').count() < 2) {
      // Unconfirmed wording.
      throw ApiException.of(422, "Reference name must start with 'refs/' and have two slashes");
    }
    if (!org.eclipse.jgit.lib.Repository.isValidRefName(name)) {
      throw ApiException.of(422, name + " is not a valid ref name."); // unconfirmed wording
    }
    if (git.ref(repository, name).isPresent()) {
      throw ApiException.of(422, "Reference already exists");
    }
    git.move(repository, name, ObjectId.zeroId(), target, writer(request));
    ObjectNode created = represent(repository, git.ref(repository, name).orElseThrow());
    return ApiResponse.json(201, created).header("Location", created.get("url").asText());
  }

  /** GitHub refuses a move that loses commits unless {@code force} is true. */
  private ApiResponse update(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    ObjectId target = existingObject(repository, BodyFields.requiredText(body, "sha"));
    JsonNode force = body.path("force");
    if (!force.isMissingNode() && !force.isNull() && !force.isBoolean()) {
      throw ApiException.of(
          422, "Invalid request.\n\nFor 'properties/force', " + force + " is not a boolean.");
    }
    String name = fullName(request);
    Ref ref =
        git.ref(repository, name)
            .orElseThrow(() -> ApiException.of(422, "Reference does not exist"));
    if (!force.asBoolean(false) && !git.isAncestor(repository, ref.getObjectId(), target)) {
      throw ApiException.of(422, "Update is not a fast forward");
    }
    git.move(repository, name, ref.getObjectId(), target, writer(request));
    return ApiResponse.ok(represent(repository, git.ref(repository, name).orElseThrow()));
  }

  private ApiResponse delete(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    String name = fullName(request);
    Ref ref =
        git.ref(repository, name)
            .orElseThrow(() -> ApiException.of(422, "Reference does not exist"));
    if (name.equals("refs/heads/" + DEFAULT_BRANCH)) {
      throw ApiException.of(422, "Cannot delete the default branch");
    }
    git.move(repository, name, ref.getObjectId(), ObjectId.zeroId(), writer(request));
    return ApiResponse.noContent();
  }

  private ObjectNode represent(Repository repository, Ref ref) {
    String type = git.typeOf(repository, ref.getObjectId()).orElse("commit");
    return json.ref(repository, ref, type);
  }

  /** {@code heads/main} (or {@code refs/heads/main}) as {@code refs/heads/main}. */
  private static String fullName(ApiRequest request) {
    String ref = request.param("ref");
    return ref.startsWith("refs/") ? ref : "refs/" + ref;
  }

  private ObjectId existingObject(Repository repository, String sha) {
    if (!FULL_SHA.matcher(sha).matches()) {
      throw ApiException.of(422, "Object does not exist");
    }
    ObjectId id = ObjectId.fromString(sha);
    if (git.typeOf(repository, id).isEmpty()) {
      throw ApiException.of(422, "Object does not exist");
    }
    return id;
  }

  /**
   * Reads as the gate allowed them; writes need {@code contents: write} itself, which GitHub's
   * table lists beside {@code workflows: write} as if either would do.
   */
  private Repository repository(ApiRequest request, PermissionLevel level) {
    String owner = request.param("owner");
    String name = request.param("repo");
    return level == PermissionLevel.READ
        ? repositoryAccess.requireVisible(request.caller(), owner, name, level)
        : repositoryAccess.require(request.caller(), owner, name, "contents", level);
  }

  private GitData.Writer writer(ApiRequest request) {
    return GitRoutes.writer(state, request);
  }
}
