package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.git.GitData;
import io.github.ghapp.emulator.internal.git.GitFiles;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Repository contents: read a file or a directory at a ref, create, update or delete a file. Each
 * write is a real commit on the branch (default: the repository's default branch), authored by the
 * request's {@code author} and {@code committer} or else by the app's bot, and published as a ref
 * update, so {@code push} follows. Reading needs {@code contents: read}, writing {@code contents:
 * write} (the permission gate); a private repository out of reach is 404.
 *
 * <p>GitHub's table lets {@code contents: write} or {@code workflows: write} through the gate; a
 * write needs {@code contents: write}, and one under {@code .github/workflows/} needs {@code
 * workflows: write} as well (GitHub's wording of that refusal is unconfirmed).
 *
 * <p>Not modelled: the raw and HTML media types (always JSON), files over 1 MB (GitHub leaves their
 * {@code content} empty), symlink targets followed.
 */
final class ContentRoutes {

  private static final String DOCS = "https://docs.github.com/rest/repos/contents";
  private static final String DEFAULT_BRANCH = "main";

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final GitData git;
  private final GitFiles files;
  private final GitRepresentations json;

  private ContentRoutes(
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      GitData git,
      GitRepresentations json) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.git = git;
    this.files = new GitFiles(git);
    this.json = json;
  }

  static void register(
      Router router,
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      GitData git,
      GitRepresentations json) {
    ContentRoutes routes = new ContentRoutes(state, repositoryAccess, git, json);
    router
        .rest(
            "GET",
            "/repos/{owner}/{repo}/contents/{path}",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-repository-content",
            routes::get)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/contents",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-repository-content",
            routes::root)
        .rest(
            "PUT",
            "/repos/{owner}/{repo}/contents/{path}",
            Access.INSTALLATION,
            DOCS + "#create-or-update-file-contents",
            routes::put)
        .rest(
            "DELETE",
            "/repos/{owner}/{repo}/contents/{path}",
            Access.INSTALLATION,
            DOCS + "#delete-a-file",
            routes::delete);
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    String ref = request.query("ref").filter(r -> !r.isEmpty()).orElse(DEFAULT_BRANCH);
    RevCommit commit =
        git.commit(repository, ref)
            .orElseThrow(() -> ApiException.of(404, "No commit found for the ref " + ref));
    String path = path(request);
    GitFiles.Entry entry =
        files.entry(repository, commit, path).orElseThrow(ApiException::notFound);
    if (entry.type().equals("dir")) {
      ArrayNode listing = Json.array();
      for (GitFiles.Entry child : files.children(repository, entry)) {
        listing.add(json.entry(repository, child, ref));
      }
      return ApiResponse.ok(listing);
    }
    if (entry.type().equals("submodule")) {
      return ApiResponse.ok(
          json.entry(repository, entry, ref).put("submodule_git_url", (String) null));
    }
    return ApiResponse.ok(json.file(repository, entry, ref, files.read(repository, entry.id())));
  }

  /**
   * The root directory, as Octokit asks for it with an empty {@code path}. GitHub's table lists
   * only {@code contents/{path}}, so the gate does not cover this path: contents read is checked
   * here.
   */
  private ApiResponse root(ApiRequest request) {
    repositoryAccess.require(
        request.caller(),
        request.param("owner"),
        request.param("repo"),
        "contents",
        PermissionLevel.READ);
    return get(request);
  }

  private ApiResponse put(ApiRequest request) {
    String path = writablePath(request);
    Repository repository = writable(request, path);
    JsonNode body = request.jsonBody();
    String message = BodyFields.requiredText(body, "message");
    byte[] content = base64(BodyFields.requiredText(body, "content"));
    String branch = branch(body);
    String sha = BodyFields.optionalText(body, "sha");
    Instant now = request.now();
    PersonIdent committer = person(body, "committer", bot(request), now);
    PersonIdent author = person(body, "author", committer, now);
    boolean existed =
        git.commit(repository, "refs/heads/" + branch)
            .flatMap(c -> files.entry(repository, c, path))
            .isPresent();
    GitFiles.Change change =
        files.write(
            repository, branch, path, content, sha, message, author, committer, writer(request));
    return ApiResponse.json(existed ? 200 : 201, json.fileCommit(repository, change, branch));
  }

  private ApiResponse delete(ApiRequest request) {
    String path = writablePath(request);
    Repository repository = writable(request, path);
    JsonNode body = request.jsonBody();
    String message = BodyFields.requiredText(body, "message");
    String sha = BodyFields.optionalText(body, "sha");
    if (sha == null) {
      throw BodyFields.missing("sha");
    }
    String branch = branch(body);
    Instant now = request.now();
    PersonIdent committer = person(body, "committer", bot(request), now);
    PersonIdent author = person(body, "author", committer, now);
    GitFiles.Change change =
        files.delete(
            repository,
            branch,
            writablePath(request),
            sha,
            message,
            author,
            committer,
            writer(request));
    return ApiResponse.ok(json.fileCommit(repository, change, branch));
  }

  private Repository repository(ApiRequest request, PermissionLevel level) {
    return RouteLookups.repository(repositoryAccess, request, level);
  }

  /** Contents write, and workflows write for a workflow file. */
  private Repository writable(ApiRequest request, String path) {
    String owner = request.param("owner");
    String name = request.param("repo");
    Repository repository =
        repositoryAccess.require(request.caller(), owner, name, "contents", PermissionLevel.WRITE);
    if (path.startsWith(".github/workflows/")) {
      repositoryAccess.require(request.caller(), owner, name, "workflows", PermissionLevel.WRITE);
    }
    return repository;
  }

  /** The path without leading or trailing slashes; {@code ..} and empty segments name nothing. */
  private static String path(ApiRequest request) {
    String path = request.hasParam("path") ? request.param("path").replaceAll("^/+|/+$", "") : "";
    for (String segment : path.split("/", -1)) {
      if (!path.isEmpty() && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
        throw ApiException.notFound();
      }
    }
    return path;
  }

  private static String writablePath(ApiRequest request) {
    String path = path(request);
    if (path.isEmpty() || path.equals(".git") || path.startsWith(".git/")) {
      throw ApiException.of(422, "path is not valid: " + path); // unconfirmed wording
    }
    return path;
  }

  private static String branch(JsonNode body) {
    String branch = BodyFields.optionalText(body, "branch");
    if (branch == null) {
      return DEFAULT_BRANCH;
    }
    return branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
  }

  /** GitHub accepts base64 with line breaks (its own answers have them); anything else is 422. */
  private static byte[] base64(String content) {
    try {
      return Base64.getDecoder().decode(content.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw ApiException.of(422, "content is not valid Base64"); // unconfirmed wording
    }
  }

  /**
   * {@code committer} or {@code author}: {@code {name, email, date?}}, both of name and email
   * required when given; absent, the fallback (the bot for the committer, the committer for the
   * author, as GitHub documents).
   */
  private static PersonIdent person(
      JsonNode body, String field, PersonIdent fallback, Instant now) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isObject()) {
      throw BodyFields.wrongType(field, value, "an object");
    }
    String name = BodyFields.requiredText(value, "name");
    String email = BodyFields.requiredText(value, "email");
    Instant at = now;
    String date = BodyFields.optionalText(value, "date");
    if (date != null) {
      try {
        at = OffsetDateTime.parse(date).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiException.of(422, "Invalid request.\n\n" + date + " is not a valid date-time.");
      }
    }
    return new PersonIdent(name, email, at, ZoneOffset.UTC);
  }

  private PersonIdent bot(ApiRequest request) {
    return writer(request).ident();
  }

  private GitData.Writer writer(ApiRequest request) {
    return GitRoutes.writer(state, request);
  }
}
