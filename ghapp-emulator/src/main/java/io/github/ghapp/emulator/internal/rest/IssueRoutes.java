package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueComment;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.Issues;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Issues and their comments, enough for an app that answers webhooks (open an issue, read it,
 * comment on it). Reading needs {@code issues: read}, writing {@code issues: write}; a repository
 * outside the token's reach is 404, a public one is readable by anyone and writable by no foreign
 * installation ({@code RepositoryAccess}). Issues are written by the app's bot user. Labels,
 * assignees and milestones in a request are ignored, as GitHub silently drops them for callers
 * without push access.
 */
final class IssueRoutes {

  private static final String ISSUES_DOCS = "https://docs.github.com/rest/issues/issues";
  private static final String COMMENTS_DOCS = "https://docs.github.com/rest/issues/comments";

  private final IssueLookup lookup;
  private final Issues issues;
  private final IssueRepresentations json;

  private IssueRoutes(IssueLookup lookup, IssueRepresentations json) {
    this.lookup = lookup;
    this.issues = lookup.issues;
    this.json = json;
  }

  static void register(Router router, IssueLookup lookup, IssueRepresentations json) {
    IssueRoutes routes = new IssueRoutes(lookup, json);
    router
        .rest(
            "POST",
            "/repos/{owner}/{repo}/issues",
            Access.INSTALLATION,
            ISSUES_DOCS + "#create-an-issue",
            routes::create)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/issues",
            Access.INSTALLATION_OR_ANONYMOUS,
            ISSUES_DOCS + "#list-repository-issues",
            routes::list)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/issues/{issue_number}",
            Access.INSTALLATION_OR_ANONYMOUS,
            ISSUES_DOCS + "#get-an-issue",
            routes::get)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/issues/{issue_number}/comments",
            Access.INSTALLATION_OR_ANONYMOUS,
            COMMENTS_DOCS + "#list-issue-comments",
            routes::comments)
        .rest(
            "POST",
            "/repos/{owner}/{repo}/issues/{issue_number}/comments",
            Access.INSTALLATION,
            COMMENTS_DOCS + "#create-an-issue-comment",
            routes::comment);
  }

  private ApiResponse create(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    String title = requiredText(body, "title", true);
    String text = BodyFields.optionalText(body, "body");
    Issue issue = issues.open(repository, title, text, author(request), request.now());
    return ApiResponse.json(201, json.issue(issue, repository))
        .header("Location", json.issueUrl(repository, issue.number()));
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    return ApiResponse.ok(json.issue(issue(request, repository), repository));
  }

  /**
   * {@code state} open (default), closed or all; newest first, as GitHub's default sort (created,
   * desc). Another state value is read as open (unconfirmed: GitHub may refuse it).
   */
  private ApiResponse list(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    String state = request.query("state").orElse("open");
    IssueState wanted = state.equals("closed") ? IssueState.CLOSED : IssueState.OPEN;
    List<Issue> issues = new ArrayList<>();
    for (Issue issue : this.issues.issues(repository.id())) {
      if (state.equals("all") || issue.state() == wanted) {
        issues.add(issue);
      }
    }
    issues.sort(Comparator.comparingInt(Issue::number).reversed());
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(issues).forEach(i -> page.add(json.issue(i, repository)));
    return pagination.link(ApiResponse.ok(page), request, issues.size());
  }

  private ApiResponse comments(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.READ);
    List<IssueComment> comments = issues.comments(issue(request, repository));
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(comments).forEach(c -> page.add(json.comment(c, repository)));
    return pagination.link(ApiResponse.ok(page), request, comments.size());
  }

  private ApiResponse comment(ApiRequest request) {
    Repository repository = repository(request, PermissionLevel.WRITE);
    Issue issue = issue(request, repository);
    String body = requiredText(request.jsonBody(), "body", false);
    IssueComment comment =
        issues.comment(repository, issue.number(), body, author(request), request.now());
    ObjectNode created = json.comment(comment, repository);
    return ApiResponse.json(201, created).header("Location", created.get("url").asText());
  }

  private Repository repository(ApiRequest request, PermissionLevel level) {
    return lookup.repository(request, level);
  }

  private Issue issue(ApiRequest request, Repository repository) {
    return lookup.issue(request, repository, "issue_number");
  }

  private BotUser author(ApiRequest request) {
    return lookup.actor(request);
  }

  /**
   * A required string; {@code title} may also be a number, as GitHub's schema allows. GitHub words
   * a missing field as {@code "title" wasn't supplied} and a wrong type by naming the property.
   */
  private static String requiredText(JsonNode body, String field, boolean numberAllowed) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw BodyFields.missing(field);
    }
    if (value.isTextual() || numberAllowed && value.isIntegralNumber()) {
      return value.asText();
    }
    throw BodyFields.wrongType(field, value, numberAllowed ? "a string or integer" : "a string");
  }
}
