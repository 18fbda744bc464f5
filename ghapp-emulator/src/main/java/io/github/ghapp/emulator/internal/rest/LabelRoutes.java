package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.Label;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labels: a repository's ({@code GET}/{@code POST /repos/{o}/{r}/labels}, {@code GET
 * .../labels/{name}}) and an issue's or pull request's ({@code GET}, {@code POST} (add), {@code
 * PUT} (replace), {@code DELETE} (all or one) {@code /issues/{n}/labels}). A name the repository
 * lacks is created on first use with GitHub's grey, as GitHub does. Each label added or removed is
 * one {@code labeled}/{@code unlabeled} webhook, {@code issues} or {@code pull_request}.
 */
final class LabelRoutes {

  private static final String DOCS = "https://docs.github.com/rest/issues/labels";
  private static final String ISSUE_LABELS = "/repos/{owner}/{repo}/issues/{issue_number}/labels";

  private final IssueLookup lookup;
  private final IssueRepresentations json;

  private LabelRoutes(IssueLookup lookup, IssueRepresentations json) {
    this.lookup = lookup;
    this.json = json;
  }

  static void register(Router router, IssueLookup lookup, IssueRepresentations json) {
    LabelRoutes routes = new LabelRoutes(lookup, json);
    router
        .rest(
            "GET",
            "/repos/{owner}/{repo}/labels",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-labels-for-a-repository",
            routes::listRepository)
        .rest(
            "POST",
            "/repos/{owner}/{repo}/labels",
            Access.INSTALLATION,
            DOCS + "#create-a-label",
            routes::create)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/labels/{name}",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-a-label",
            routes::get)
        .rest(
            "GET",
            ISSUE_LABELS,
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-labels-for-an-issue",
            routes::listIssue)
        .rest(
            "POST",
            ISSUE_LABELS,
            Access.INSTALLATION,
            DOCS + "#add-labels-to-an-issue",
            r -> routes.change(r, true))
        .rest(
            "PUT",
            ISSUE_LABELS,
            Access.INSTALLATION,
            DOCS + "#set-labels-for-an-issue",
            r -> routes.change(r, false))
        .rest(
            "DELETE",
            ISSUE_LABELS,
            Access.INSTALLATION,
            DOCS + "#remove-all-labels-from-an-issue",
            routes::removeAll)
        .rest(
            "DELETE",
            ISSUE_LABELS + "/{name}",
            Access.INSTALLATION,
            DOCS + "#remove-a-label-from-an-issue",
            routes::removeOne);
  }

  private ApiResponse listRepository(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    return page(request, repository, lookup.issues.labels(repository.id()));
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    Label label =
        lookup
            .issues
            .label(repository.id(), request.param("name"))
            .orElseThrow(ApiException::notFound);
    return ApiResponse.ok(json.label(label, repository));
  }

  /**
   * {@code {name, color?, description?}}; a colour may be given with its {@code #}. Without one
   * GitHub picks a colour; the emulator takes its grey (unconfirmed).
   */
  private ApiResponse create(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    String name = IssueLookup.text(body, "name");
    if (name == null || name.isEmpty()) {
      throw BodyFields.missing("name");
    }
    String color = IssueLookup.text(body, "color");
    color = color == null || color.isEmpty() ? "ededed" : color.replaceFirst("^#", "");
    if (!color.matches("[0-9a-fA-F]{6}")) {
      throw validation("color", "invalid");
    }
    String description = IssueLookup.text(body, "description");
    Label label =
        lookup
            .issues
            .createLabel(repository.id(), name, color.toLowerCase(Locale.ROOT), description)
            .orElseThrow(() -> validation("name", "already_exists"));
    ObjectNode created = json.label(label, repository);
    return ApiResponse.json(201, created).header("Location", created.get("url").asText());
  }

  private ApiResponse listIssue(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    Issue issue = lookup.issue(request, repository, "issue_number");
    lookup.requireIssuePermission(request, repository, issue, PermissionLevel.READ);
    return page(request, repository, issue.labels());
  }

  /** Adds ({@code POST}) or replaces ({@code PUT}); answers the issue's labels. */
  private ApiResponse change(ApiRequest request, boolean add) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    Issue issue = lookup.issue(request, repository, "issue_number");
    lookup.requireIssuePermission(request, repository, issue, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    JsonNode given = body.isArray() ? body : body.get("labels");
    if (given == null) {
      if (add) {
        throw BodyFields.missing("labels");
      }
      given = Json.array();
    }
    List<Label> named = lookup.issues.resolveLabels(repository.id(), names(given));
    Issue updated =
        lookup.issues.update(
            repository,
            issue.number(),
            lookup.actor(request),
            current -> {
              List<Label> labels = new ArrayList<>(add ? current.labels() : List.of());
              for (Label label : named) {
                if (labels.stream().noneMatch(l -> l.id() == label.id())) {
                  labels.add(label);
                }
              }
              return current.withLabels(labels, request.now());
            });
    return ApiResponse.ok(json.labels(updated, repository));
  }

  private ApiResponse removeAll(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    Issue issue = lookup.issue(request, repository, "issue_number");
    lookup.requireIssuePermission(request, repository, issue, PermissionLevel.WRITE);
    lookup.issues.update(
        repository,
        issue.number(),
        lookup.actor(request),
        current -> current.withLabels(List.of(), request.now()));
    return ApiResponse.noContent();
  }

  /** Answers the labels left; a label the issue does not carry is GitHub's 404. */
  private ApiResponse removeOne(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    Issue issue = lookup.issue(request, repository, "issue_number");
    lookup.requireIssuePermission(request, repository, issue, PermissionLevel.WRITE);
    String name = request.param("name");
    Issue updated =
        lookup.issues.update(
            repository,
            issue.number(),
            lookup.actor(request),
            current -> {
              List<Label> left = new ArrayList<>(current.labels());
              if (!left.removeIf(l -> l.name().equalsIgnoreCase(name))) {
                throw ApiException.of(404, "Label does not exist");
              }
              return current.withLabels(left, request.now());
            });
    return ApiResponse.ok(json.labels(updated, repository));
  }

  private ApiResponse page(ApiRequest request, Repository repository, List<Label> labels) {
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(labels).forEach(l -> page.add(json.label(l, repository)));
    return pagination.link(ApiResponse.ok(page), request, labels.size());
  }

  /** Names as GitHub takes them: strings, or objects with a {@code name}. */
  static List<String> names(JsonNode labels) {
    if (!labels.isArray()) {
      throw BodyFields.wrongType("labels", labels, "an array");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode label : labels) {
      JsonNode name = label.isObject() ? label.get("name") : label;
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw BodyFields.wrongType("labels", labels, "an array of label names");
      }
      names.add(name.asText().strip());
    }
    return names;
  }

  private static ApiException validation(String field, String code) {
    ArrayNode errors = Json.array();
    errors.addObject().put("resource", "Label").put("code", code).put("field", field);
    return ApiException.validation("Validation Failed", errors);
  }
}
