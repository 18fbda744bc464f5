package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.Repository;
import io.github.ghapp.emulator.internal.state.Review;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PullRequest.reviews(first:, states:, author:)}: the reviews REST lists, in the order they
 * were made, with REST's ids. Like REST here, pending reviews are listed to every reader
 * (unconfirmed: GitHub shows a pending review to its author only).
 */
final class ReviewData {

  private ReviewData() {}

  static Object reviews(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> pull = env.getSource();
    PullRequest pullRequest = (PullRequest) pull.get(PullRequestData.PULL);
    Repository repository = (Repository) pull.get("repository");
    List<String> states = env.getArgument("states");
    String author = env.getArgument("author");
    List<Review> reviews = new ArrayList<>();
    for (Review review :
        data.issueState().reviews().reviews(repository.id(), pullRequest.number())) {
      if ((states == null || states.contains(review.state()))
          && (author == null || author.equals(review.user().login()))) {
        reviews.add(review);
      }
    }
    return ConnectionPage.answer(
        env,
        reviews,
        r -> Long.toString(r.id()),
        "reviews",
        r -> review(data, r, repository, pull));
  }

  /** {@code PullRequestReview.commit}: the head commit the review was made on. */
  static Object commit(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> review = env.getSource();
    return GitData.commit(
        data, (Repository) review.get("repository"), (String) review.get("__commitId"));
  }

  private static Map<String, Object> review(
      GraphqlData data, Review review, Repository repository, Map<String, Object> pull) {
    String path = pull.get("resourcePath") + "#pullrequestreview-" + review.id();
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "PullRequestReview");
    node.put("__commitId", review.commitId());
    node.put("id", Representations.nodeId("PullRequestReview", review.id()));
    node.put("fullDatabaseId", Long.toString(review.id()));
    node.put("author", data.bot(review.user(), "Bot"));
    node.put("body", review.body());
    node.put("state", review.state());
    node.put("submittedAt", Json.time(review.submittedAt()));
    node.put("publishedAt", Json.time(review.submittedAt()));
    node.put("pullRequest", pull);
    node.put("repository", repository);
    node.put("resourcePath", path);
    node.put("url", data.urls().web(path));
    return node;
  }
}
