package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.AccountType;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueComment;
import io.github.ghapp.emulator.internal.state.Label;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * GitHub's {@code issue} and {@code issue-comment} objects, and the bot user that writes them,
 * shaped after the published schemas (see the OpenAPI validation tests). Used by the REST routes
 * and by webhook payloads, which carry the same objects.
 */
public final class IssueRepresentations {

  /** GitHub's association for an app's bot in a repository it is installed on. */
  private static final String BOT_ASSOCIATION = "NONE";

  private final EmulatorState state;
  private final Urls urls;
  private final Representations json;

  public IssueRepresentations(EmulatorState state, Urls urls, Representations json) {
    this.state = state;
    this.urls = urls;
    this.json = json;
  }

  /**
   * {@code simple-user} of type {@code Bot}: {@code octo-app[bot]}, with the brackets
   * percent-encoded in its API URL as GitHub writes them.
   */
  public ObjectNode botUser(BotUser bot) {
    String encoded = bot.login().replace("[", "%5B").replace("]", "%5D");
    ObjectNode user = json.user(encoded, bot.id(), AccountType.USER);
    user.put("login", bot.login());
    user.put("node_id", Representations.nodeId("Bot", bot.id()));
    user.put("avatar_url", urls.web("/avatars/in/" + bot.appId() + "?v=4"));
    user.put("html_url", urls.web("/apps/" + bot.slug()));
    user.put("type", "Bot");
    return user;
  }

  /** {@code issue}, as {@code GET /repos/{owner}/{repo}/issues/{issue_number}} answers. */
  public ObjectNode issue(Issue issue, Repository repository) {
    String api = issueUrl(repository, issue.number());
    ObjectNode node = Json.object();
    node.put("id", issue.id());
    node.put("node_id", Representations.nodeId("Issue", issue.id()));
    node.put("url", api);
    node.put("repository_url", urls.api("/repos/" + repository.fullName()));
    node.put("labels_url", api + "/labels{/name}");
    node.put("comments_url", api + "/comments");
    node.put("events_url", api + "/events");
    node.put("html_url", urls.web("/" + repository.fullName() + "/issues/" + issue.number()));
    node.put("number", issue.number());
    node.put("state", issue.state().jsonName());
    node.put("title", issue.title());
    if (issue.body() == null) {
      node.putNull("body");
    } else {
      node.put("body", issue.body());
    }
    node.set("user", botUser(issue.author()));
    node.set("labels", labels(issue, repository));
    node.put("state_reason", issue.stateReason());
    node.putNull("assignee");
    node.set("assignees", Json.array());
    node.putNull("milestone");
    node.put("locked", false);
    node.putNull("active_lock_reason");
    node.put("comments", issue.comments());
    node.put("closed_at", Json.time(issue.closedAt()));
    node.put("created_at", Json.time(issue.createdAt()));
    node.put("updated_at", Json.time(issue.updatedAt()));
    if (issue.closedBy() == null) {
      node.putNull("closed_by");
    } else {
      node.set("closed_by", botUser(issue.closedBy()));
    }
    node.put("author_association", BOT_ASSOCIATION);
    node.put("timeline_url", api + "/timeline");
    if (issue.isPullRequest()) {
      String web = urls.web("/" + repository.fullName() + "/pull/" + issue.number());
      ObjectNode pull = node.putObject("pull_request");
      pull.put("url", urls.api("/repos/" + repository.fullName() + "/pulls/" + issue.number()));
      pull.put("html_url", web);
      pull.put("diff_url", web + ".diff");
      pull.put("patch_url", web + ".patch");
      pull.put("merged_at", Json.time(issue.mergedAt()));
    }
    performedVia(node, issue.author());
    node.set("reactions", reactions(api + "/reactions"));
    return node;
  }

  /** {@code issue-comment}. */
  public ObjectNode comment(IssueComment comment, Repository repository) {
    ObjectNode node = Json.object();
    node.put("id", comment.id());
    node.put("node_id", Representations.nodeId("IssueComment", comment.id()));
    String api = urls.api("/repos/" + repository.fullName() + "/issues/comments/" + comment.id());
    node.put("url", api);
    node.put(
        "html_url",
        urls.web(
            "/"
                + repository.fullName()
                + "/issues/"
                + comment.issueNumber()
                + "#issuecomment-"
                + comment.id()));
    node.put("body", comment.body());
    node.set("user", botUser(comment.author()));
    node.put("created_at", Json.time(comment.createdAt()));
    node.put("updated_at", Json.time(comment.createdAt()));
    node.put("issue_url", issueUrl(repository, comment.issueNumber()));
    node.put("author_association", BOT_ASSOCIATION);
    performedVia(node, comment.author());
    node.set("reactions", reactions(api + "/reactions"));
    return node;
  }

  /** {@code label}. */
  public ObjectNode label(Label label, Repository repository) {
    ObjectNode node = Json.object();
    node.put("id", label.id());
    node.put("node_id", Representations.nodeId("Label", label.id()));
    node.put(
        "url",
        urls.api(
            "/repos/"
                + repository.fullName()
                + "/labels/"
                + java.net.URLEncoder.encode(label.name(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20")));
    node.put("name", label.name());
    node.put("color", label.color());
    node.put("default", label.isDefault());
    node.put("description", label.description());
    return node;
  }

  /** The issue's labels, in the order they were added. */
  public ArrayNode labels(Issue issue, Repository repository) {
    ArrayNode labels = Json.array();
    issue.labels().forEach(l -> labels.add(label(l, repository)));
    return labels;
  }

  String issueUrl(Repository repository, int number) {
    return urls.api("/repos/" + repository.fullName() + "/issues/" + number);
  }

  /** GitHub names the app on everything an app wrote with an installation token. */
  private void performedVia(ObjectNode node, BotUser author) {
    state
        .app(author.appId())
        .ifPresentOrElse(
            app -> node.set("performed_via_github_app", json.app(app)),
            () -> node.putNull("performed_via_github_app"));
  }

  /** GitHub's reaction roll-up, all counts zero: the emulator models no reactions. */
  static ObjectNode reactions(String url) {
    ObjectNode reactions = Json.object();
    reactions.put("url", url);
    reactions.put("total_count", 0);
    for (String reaction :
        new String[] {"+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"}) {
      reactions.put(reaction, 0);
    }
    return reactions;
  }
}
