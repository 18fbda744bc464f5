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
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.Review;
import io.github.ghapp.emulator.internal.state.ReviewComment;
import io.github.ghapp.emulator.internal.state.Reviews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reviews ({@code POST}/{@code GET .../pulls/{n}/reviews}, {@code GET .../reviews/{id}}) and review
 * comments ({@code POST}/{@code GET .../pulls/{n}/comments}). A review without {@code event} stays
 * {@code PENDING} and tells nobody; a submitted one is a {@code pull_request_review} submitted
 * webhook, each comment a {@code pull_request_review_comment} created. A comment must land on a
 * line the pull request's diff shows. An app cannot approve, or request changes on, its own pull
 * request, as GitHub refuses a user.
 */
final class PullRequestReviewRoutes {

  private static final String REVIEWS_DOCS = "https://docs.github.com/rest/pulls/reviews";
  private static final String COMMENTS_DOCS = "https://docs.github.com/rest/pulls/comments";
  private static final Map<String, String> EVENTS =
      Map.of("APPROVE", "APPROVED", "REQUEST_CHANGES", "CHANGES_REQUESTED", "COMMENT", "COMMENTED");

  private final IssueLookup lookup;
  private final PullRequestRoutes pulls;
  private final Reviews reviews;
  private final ReviewRepresentations json;

  private PullRequestReviewRoutes(
      IssueLookup lookup, PullRequestRoutes pulls, ReviewRepresentations json) {
    this.lookup = lookup;
    this.pulls = pulls;
    this.reviews = lookup.issues.reviews();
    this.json = json;
  }

  static void register(
      Router router,
      IssueLookup lookup,
      PullRequestRepresentations pullJson,
      ReviewRepresentations json) {
    PullRequestReviewRoutes routes =
        new PullRequestReviewRoutes(lookup, PullRequestRoutes.forMerge(lookup, pullJson), json);
    String pull = "/repos/{owner}/{repo}/pulls/{pull_number}";
    router
        .rest(
            "POST",
            pull + "/reviews",
            Access.INSTALLATION,
            REVIEWS_DOCS + "#create-a-review-for-a-pull-request",
            routes::createReview)
        .rest(
            "GET",
            pull + "/reviews",
            Access.INSTALLATION_OR_ANONYMOUS,
            REVIEWS_DOCS + "#list-reviews-for-a-pull-request",
            routes::listReviews)
        .rest(
            "GET",
            pull + "/reviews/{review_id}",
            Access.INSTALLATION_OR_ANONYMOUS,
            REVIEWS_DOCS + "#get-a-review-for-a-pull-request",
            routes::getReview)
        .rest(
            "POST",
            pull + "/comments",
            Access.INSTALLATION,
            COMMENTS_DOCS + "#create-a-review-comment-for-a-pull-request",
            routes::createComment)
        .rest(
            "GET",
            pull + "/comments",
            Access.INSTALLATION_OR_ANONYMOUS,
            COMMENTS_DOCS + "#list-review-comments-on-a-pull-request",
            routes::listComments);
  }

  private ApiResponse createReview(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    PullRequest pull = pulls.pull(request, repository);
    JsonNode body = request.jsonBody();
    String event = IssueLookup.text(body, "event");
    String state = event == null || event.isEmpty() ? "PENDING" : EVENTS.get(event);
    if (state == null) {
      throw ApiException.of(
          422,
          "Invalid request.\n\nFor 'properties/event', \""
              + event
              + "\" is not one of [\"APPROVE\", \"REQUEST_CHANGES\", \"COMMENT\"].");
    }
    String text = IssueLookup.text(body, "body");
    text = text == null ? "" : text;
    BotUser reviewer = lookup.actor(request);
    if (reviewer.equals(
        lookup.issues.issue(repository.id(), pull.number()).orElseThrow().author())) {
      if (state.equals("APPROVED")) {
        throw unprocessable("Can not approve your own pull request");
      }
      if (state.equals("CHANGES_REQUESTED")) {
        throw unprocessable("Can not request changes on your own pull request");
      }
    }
    List<Reviews.Draft> drafts = new ArrayList<>();
    JsonNode comments = body.path("comments");
    if (!comments.isMissingNode() && !comments.isNull()) {
      if (!comments.isArray()) {
        throw BodyFields.wrongType("comments", comments, "an array");
      }
      for (JsonNode comment : comments) {
        drafts.add(draft(repository, pull, comment, null));
      }
    }
    if (text.isEmpty()
        && drafts.isEmpty()
        && !state.equals("APPROVED")
        && !state.equals("PENDING")) {
      // GitHub's wording for a comment or change request with nothing in it is unconfirmed
      throw unprocessable("Body is required for " + event);
    }
    String commit = IssueLookup.text(body, "commit_id");
    Review review =
        reviews.submit(
            repository,
            pull,
            reviewer,
            text,
            state,
            commit == null || commit.isEmpty() ? pull.headSha() : commit,
            drafts,
            request.now());
    return ApiResponse.ok(json.review(review, repository, false));
  }

  private ApiResponse listReviews(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    PullRequest pull = pulls.pull(request, repository);
    List<Review> all = reviews.reviews(repository.id(), pull.number());
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(all).forEach(r -> page.add(json.review(r, repository, false)));
    return pagination.link(ApiResponse.ok(page), request, all.size());
  }

  private ApiResponse getReview(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    PullRequest pull = pulls.pull(request, repository);
    Review review =
        reviews
            .review(repository.id(), pull.number(), request.longParam("review_id"))
            .orElseThrow(ApiException::notFound);
    return ApiResponse.ok(json.review(review, repository, false));
  }

  /**
   * One comment on its own: a review of its own comes with it ({@code COMMENTED}, empty body), as
   * on GitHub. {@code in_reply_to} answers a comment of the same pull request, on its line.
   */
  private ApiResponse createComment(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.WRITE);
    PullRequest pull = pulls.pull(request, repository);
    JsonNode body = request.jsonBody();
    JsonNode replyTo = body.get("in_reply_to");
    ReviewComment parent = null;
    if (replyTo != null && !replyTo.isNull()) {
      long id = replyTo.asLong();
      parent =
          reviews.comments(repository.id(), pull.number()).stream()
              .filter(c -> c.id() == id)
              .findFirst()
              .orElseThrow(ApiException::notFound);
    } else {
      for (String field : new String[] {"commit_id", "path"}) {
        if (IssueLookup.text(body, field) == null) {
          throw BodyFields.missing(field);
        }
      }
    }
    Reviews.Draft draft = draft(repository, pull, body, parent);
    String commit = parent != null ? parent.commitId() : IssueLookup.text(body, "commit_id");
    Review review =
        reviews.submit(
            repository,
            pull,
            lookup.actor(request),
            "",
            "COMMENTED",
            commit,
            List.of(draft),
            request.now());
    ReviewComment created =
        reviews.comments(repository.id(), pull.number()).stream()
            .filter(c -> c.reviewId() == review.id())
            .findFirst()
            .orElseThrow();
    ObjectNode answer = json.comment(created, repository);
    return ApiResponse.json(201, answer).header("Location", answer.get("url").asText());
  }

  private ApiResponse listComments(ApiRequest request) {
    Repository repository = lookup.repository(request, PermissionLevel.READ);
    PullRequest pull = pulls.pull(request, repository);
    List<ReviewComment> all = reviews.comments(repository.id(), pull.number());
    Pagination pagination = Pagination.of(request);
    ArrayNode page = Json.array();
    pagination.slice(all).forEach(c -> page.add(json.comment(c, repository)));
    return pagination.link(ApiResponse.ok(page), request, all.size());
  }

  /**
   * A comment's place: {@code path} and {@code line} (with {@code side}, {@code RIGHT} by default)
   * or {@code position}, or {@code subject_type: file}; it must be in the diff. The refusals'
   * wording is unconfirmed: GitHub does not document it.
   */
  private Reviews.Draft draft(
      Repository repository, PullRequest pull, JsonNode comment, ReviewComment parent) {
    String text = IssueLookup.text(comment, "body");
    if (text == null || text.isEmpty()) {
      throw BodyFields.missing("body");
    }
    if (parent != null) {
      return new Reviews.Draft(
          text,
          parent.path(),
          parent.line(),
          parent.side(),
          parent.startLine(),
          parent.diffHunk(),
          parent.position(),
          parent.id());
    }
    String path = IssueLookup.text(comment, "path");
    if (path == null || path.isEmpty()) {
      throw BodyFields.missing("path");
    }
    String patch;
    try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
      patch =
          git.files(pull.baseSha(), pull.headSha()).stream()
              .filter(f -> f.filename().equals(path))
              .findFirst()
              .map(f -> f.patch() == null ? "" : f.patch())
              .orElseThrow(() -> unresolved("path"));
    }
    if ("file".equals(IssueLookup.text(comment, "subject_type"))) {
      return new Reviews.Draft(text, path, null, "RIGHT", null, patch, null, null);
    }
    String side = IssueLookup.text(comment, "side");
    side = side == null ? "RIGHT" : side;
    if (!side.equals("RIGHT") && !side.equals("LEFT")) {
      throw BodyFields.wrongType("side", comment.get("side"), "one of [\"LEFT\", \"RIGHT\"]");
    }
    JsonNode line = comment.get("line");
    JsonNode position = comment.get("position");
    DiffLines.Spot spot;
    if (line != null && line.canConvertToInt()) {
      spot = DiffLines.ofLine(patch, line.asInt(), side).orElseThrow(() -> unresolved("line"));
    } else if (position != null && position.canConvertToInt()) {
      spot =
          DiffLines.ofPosition(patch, position.asInt()).orElseThrow(() -> unresolved("position"));
    } else {
      throw BodyFields.missing("line");
    }
    JsonNode start = comment.get("start_line");
    Integer startLine = start != null && start.canConvertToInt() ? start.asInt() : null;
    return new Reviews.Draft(
        text, path, spot.line(), spot.side(), startLine, spot.diffHunk(), spot.position(), null);
  }

  private static ApiException unresolved(String what) {
    ArrayNode errors = Json.array();
    errors
        .addObject()
        .put("resource", "PullRequestReviewComment")
        .put("code", "custom")
        .put("field", "pull_request_review_thread." + what)
        .put("message", "pull_request_review_thread." + what + " could not be resolved");
    return ApiException.validation("Validation Failed", errors);
  }

  /** GitHub's review refusals: {@code Unprocessable Entity} with the reasons as strings. */
  private static ApiException unprocessable(String reason) {
    ArrayNode errors = Json.array();
    errors.add(reason);
    return ApiException.validation("Unprocessable Entity", errors);
  }
}
