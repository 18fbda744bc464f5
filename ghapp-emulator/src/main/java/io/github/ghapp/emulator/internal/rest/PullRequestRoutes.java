package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.git.PullRequestGit;
import io.github.ghapp.emulator.internal.http.Access;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.Pagination;
import io.github.ghapp.emulator.internal.http.Router;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.PullRequests;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pull requests: open ({@code POST /pulls}: both branches must exist in the bare repository and the
 * head must have commits the base lacks), list (state, head, base filters; newest first), read, and
 * update (title, body, state, base). A pull request is an issue of the same number ({@link
 * PullRequests}), so its labels and comments go through the issues API, as on GitHub. Only branches
 * of the repository itself can be the head: the emulator has no forks.
 */
final class PullRequestRoutes {

  static final String DOCS = "https://docs.github.com/rest/pulls/pulls";

  private final IssueLookup lookup;
  private final PullRequests pulls;
  private final PullRequestRepresentations json;

  private PullRequestRoutes(IssueLookup lookup, PullRequestRepresentations json) {
    this.lookup = lookup;
    this.pulls = lookup.issues.pullRequests();
    this.json = json;
  }

  /** The same lookups, for the merge routes, without registering anything. */
  static PullRequestRoutes forMerge(IssueLookup lookup, PullRequestRepresentations json) {
    return new PullRequestRoutes(lookup, json);
  }

  static void register(Router router, IssueLookup lookup, PullRequestRepresentations json) {
    PullRequestRoutes routes = new PullRequestRoutes(lookup, json);
    String pull = "/repos/{owner}/{repo}/pulls/{pull_number}";
    router
        .rest(
            "POST",
            "/repos/{owner}/{repo}/pulls",
            Access.INSTALLATION,
            DOCS + "#create-a-pull-request",
            routes::create)
        .rest(
            "GET",
            "/repos/{owner}/{repo}/pulls",
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#list-pull-requests",
            routes::list)
        .rest(
            "GET",
            pull,
            Access.INSTALLATION_OR_ANONYMOUS,
            DOCS + "#get-a-pull-request",
            routes::get)
        .rest("PATCH", pull, Access.INSTALLATION, DOCS + "#update-a-pull-request", routes::update);
  }

  private ApiResponse create(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    JsonNode body = request.jsonBody();
    String title = IssueLookup.text(body, "title");
    String head = IssueLookup.text(body, "head");
    String base = IssueLookup.text(body, "base");
    for (String[] field : new String[][] {{"head", head}, {"base", base}, {"title", title}}) {
      if (field[1] == null || field[1].isEmpty()) {
        throw PullRequestErrors.missing(field[0]);
      }
    }
    String text = IssueLookup.text(body, "body");
    JsonNode draft = body.path("draft");
    String headRef = headBranch(repository, head);
    BotUser author = lookup.actor(request);
    try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
      Optional<String> headSha = git.branch(headRef);
      Optional<String> baseSha = git.branch(base);
      if (headSha.isEmpty()) {
        throw PullRequestErrors.invalid("head");
      }
      if (baseSha.isEmpty()) {
        throw PullRequestErrors.invalid("base");
      }
      if (git.commits(baseSha.get(), headSha.get()).isEmpty()) {
        throw PullRequestErrors.custom("No commits between " + base + " and " + headRef);
      }
      for (PullRequest other : pulls.all(repository.id())) {
        if (other.headRef().equals(headRef)
            && other.baseRef().equals(base)
            && issue(repository, other).state() == IssueState.OPEN) {
          throw PullRequestErrors.custom(
              "A pull request already exists for "
                  + repository.owner().login()
                  + ":"
                  + headRef
                  + ".");
        }
      }
      PullRequest pull =
          pulls.open(
              repository,
              title,
              text == null || text.isEmpty() ? null : text,
              author,
              request.now(),
              headRef,
              base,
              headSha.get(),
              baseSha.get(),
              draft.asBoolean(false));
      ObjectNode created = full(pull, repository);
      return ApiResponse.json(201, created).header("Location", created.get("url").asText());
    }
  }

  /**
   * {@code state} open (default), closed or all; {@code head} as {@code owner:branch}; {@code
   * base}; {@code sort} created (default), updated; {@code direction} desc by default.
   */
  private ApiResponse list(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    String state = request.query("state").orElse("open");
    Optional<String> head = request.query("head");
    Optional<String> base = request.query("base");
    List<Object[]> matching = new ArrayList<>();
    for (PullRequest pull : pulls.all(repository.id())) {
      Issue issue = issue(repository, pull);
      boolean stateMatches = state.equals("all") || issue.state().jsonName().equals(state);
      boolean headMatches =
          head.isEmpty()
              || head.get().equalsIgnoreCase(repository.owner().login() + ":" + pull.headRef());
      boolean baseMatches = base.isEmpty() || base.get().equals(pull.baseRef());
      if (stateMatches && headMatches && baseMatches) {
        matching.add(new Object[] {pull, issue});
      }
    }
    Comparator<Object[]> order =
        request.query("sort").orElse("created").equals("updated")
            ? Comparator.comparing(p -> ((Issue) p[1]).updatedAt())
            : Comparator.comparingInt(p -> ((PullRequest) p[0]).number());
    if (!request.query("direction").orElse("desc").equals("asc")) {
      order = order.reversed();
    }
    matching.sort(order);
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination
        .slice(matching)
        .forEach(p -> page.add(json.simple((PullRequest) p[0], (Issue) p[1], repository)));
    return pagination.link(ApiResponse.ok(page), request, matching.size());
  }

  private ApiResponse get(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    return ApiResponse.ok(full(pull(request, repository), repository));
  }

  /** Title, body, state and base; a base that does not exist is GitHub's 422. */
  private ApiResponse update(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    PullRequest pull = pull(request, repository);
    JsonNode body = request.jsonBody();
    String title = IssueLookup.text(body, "title");
    String text = IssueLookup.text(body, "body");
    String state = IssueLookup.text(body, "state");
    if (state != null && !state.equals("open") && !state.equals("closed")) {
      throw PullRequestErrors.invalid("state");
    }
    String base = IssueLookup.text(body, "base");
    String baseSha = null;
    if (base != null && !base.equals(pull.baseRef())) {
      try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
        baseSha = git.branch(base).orElseThrow(() -> PullRequestErrors.invalid("base"));
      }
    }
    BotUser actor = lookup.actor(request);
    String newBaseSha = baseSha;
    PullRequest updated =
        pulls.update(
            repository,
            pull.number(),
            actor,
            issue -> {
              if (issue.mergedAt() != null && "open".equals(state)) {
                // GitHub refuses it; the wording is unconfirmed
                throw PullRequestErrors.custom("Cannot reopen a merged pull request");
              }
              Issue next = issue;
              if (title != null && !title.isEmpty() || text != null) {
                next =
                    next.withText(
                        title != null && !title.isEmpty() ? title : next.title(),
                        text == null ? next.body() : text.isEmpty() ? null : text,
                        request.now());
              }
              IssueState wanted =
                  state == null
                      ? null
                      : IssueState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
              if (wanted != null && wanted != next.state()) {
                next = next.withState(wanted, null, actor, request.now());
              }
              return next;
            },
            current -> newBaseSha == null ? current : current.withBase(base, newBaseSha));
    return ApiResponse.ok(full(updated, repository));
  }

  ObjectNode full(PullRequest pull, Repository repository) {
    return json.full(pull, issue(repository, pull), repository);
  }

  PullRequest pull(ApiRequest request, Repository repository) {
    long number = request.longParam("pull_number");
    if (number < 1 || number > Integer.MAX_VALUE) {
      throw ApiException.notFound();
    }
    return pulls.find(repository.id(), (int) number).orElseThrow(ApiException::notFound);
  }

  private Issue issue(Repository repository, PullRequest pull) {
    return lookup.issues.issue(repository.id(), pull.number()).orElseThrow();
  }

  /** {@code branch} or {@code owner:branch} of this repository's owner; another owner is a fork. */
  private static String headBranch(Repository repository, String head) {
    int colon = head.indexOf(':');
    if (colon < 0) {
      return head;
    }
    if (!head.substring(0, colon).equalsIgnoreCase(repository.owner().login())) {
      throw PullRequestErrors.invalid("head");
    }
    return head.substring(colon + 1);
  }
}
