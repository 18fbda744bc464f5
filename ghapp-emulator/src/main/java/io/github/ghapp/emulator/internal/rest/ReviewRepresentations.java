package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.Review;
import io.github.ghapp.emulator.internal.state.ReviewComment;
import java.util.Locale;

/**
 * GitHub's {@code pull-request-review} and {@code pull-request-review-comment}, for the REST routes
 * and the {@code pull_request_review}/{@code pull_request_review_comment} payloads (which spell a
 * review's state in lower case).
 */
public final class ReviewRepresentations {

  private final Urls urls;
  private final IssueRepresentations issues;

  public ReviewRepresentations(Urls urls, IssueRepresentations issues) {
    this.urls = urls;
    this.issues = issues;
  }

  /**
   * @param webhook whether for a payload: the state in lower case, as GitHub sends it there
   */
  public ObjectNode review(Review review, Repository repository, boolean webhook) {
    String pull = pullUrl(repository, review.pullNumber());
    String html =
        urls.web("/" + repository.fullName() + "/pull/" + review.pullNumber())
            + "#pullrequestreview-"
            + review.id();
    ObjectNode node = Json.object();
    node.put("id", review.id());
    node.put("node_id", Representations.nodeId("PullRequestReview", review.id()));
    node.set("user", issues.botUser(review.user()));
    node.put("body", review.body());
    node.put("state", webhook ? review.state().toLowerCase(Locale.ROOT) : review.state());
    node.put("html_url", html);
    node.put("pull_request_url", pull);
    ObjectNode links = node.putObject("_links");
    links.putObject("html").put("href", html);
    links.putObject("pull_request").put("href", pull);
    if (review.submittedAt() != null || webhook) {
      node.put("submitted_at", Json.time(review.submittedAt()));
    }
    node.put("commit_id", review.commitId());
    node.put("author_association", "NONE");
    return node;
  }

  public ObjectNode comment(ReviewComment comment, Repository repository) {
    Integer position = comment.position();
    String api = urls.api("/repos/" + repository.fullName() + "/pulls/comments/" + comment.id());
    String pull = pullUrl(repository, comment.pullNumber());
    String html =
        urls.web("/" + repository.fullName() + "/pull/" + comment.pullNumber())
            + "#discussion_r"
            + comment.id();
    ObjectNode node = Json.object();
    node.put("url", api);
    node.put("pull_request_review_id", comment.reviewId());
    node.put("id", comment.id());
    node.put("node_id", Representations.nodeId("PullRequestReviewComment", comment.id()));
    node.put("diff_hunk", comment.diffHunk());
    node.put("path", comment.path());
    node.put("position", position);
    node.put("original_position", position == null ? 1 : position);
    node.put("commit_id", comment.commitId());
    node.put("original_commit_id", comment.commitId());
    if (comment.inReplyTo() != null) {
      node.put("in_reply_to_id", comment.inReplyTo());
    }
    node.set("user", issues.botUser(comment.user()));
    node.put("body", comment.body());
    node.put("created_at", Json.time(comment.createdAt()));
    node.put("updated_at", Json.time(comment.createdAt()));
    node.put("html_url", html);
    node.put("pull_request_url", pull);
    node.put("author_association", "NONE");
    ObjectNode links = node.putObject("_links");
    links.putObject("self").put("href", api);
    links.putObject("html").put("href", html);
    links.putObject("pull_request").put("href", pull);
    node.put("start_line", comment.startLine());
    node.put("original_start_line", comment.startLine());
    node.put("start_side", comment.startLine() == null ? null : comment.side());
    node.put("line", comment.line());
    node.put("original_line", comment.line());
    node.put("side", comment.side());
    node.put("subject_type", comment.line() == null ? "file" : "line");
    node.set("reactions", IssueRepresentations.reactions(api + "/reactions"));
    return node;
  }

  private String pullUrl(Repository repository, int number) {
    return urls.api("/repos/" + repository.fullName() + "/pulls/" + number);
  }
}
