package io.github.ghapp.emulator.internal.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.GitData;
import io.github.ghapp.emulator.internal.git.GitHistory;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.GitRepresentations;
import io.github.ghapp.emulator.internal.rest.IssueRepresentations;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Installation;
import io.github.ghapp.emulator.internal.state.RefUpdate;
import io.github.ghapp.emulator.internal.state.Repository;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The {@code push} payload GitHub sends for a ref update, whether it came from {@code git push} or
 * the REST API: {@code ref}, {@code before}/{@code after}, {@code created}/{@code deleted}/{@code
 * forced}, the commits the push introduced (oldest first, at most {@value #MAX_COMMITS}, each with
 * the paths it {@code added}, {@code removed} and {@code modified}), {@code head_commit}, the
 * repository in the push event's own shape ({@code created_at} and {@code pushed_at} as epoch
 * seconds), {@code pusher} and {@code sender} (the app's bot).
 */
final class PushPayloads {

  /** GitHub lists at most 2,048 commits in a push payload. */
  static final int MAX_COMMITS = 2048;

  private final Urls urls;
  private final GitData data;
  private final Representations json;
  private final IssueRepresentations users;
  private final GitRepresentations git;
  private final WebhookPayloads payloads;

  PushPayloads(EmulatorState state, Urls urls, WebhookPayloads payloads) {
    this.urls = urls;
    this.data = new GitData(state);
    this.json = new Representations(state, urls);
    this.users = new IssueRepresentations(state, urls, json);
    this.git = new GitRepresentations(state, urls, json);
    this.payloads = payloads;
  }

  /**
   * The payload without {@code installation}, built once per push: walking the commits is the
   * expensive part, and every receiver gets the same.
   */
  ObjectNode describe(RefUpdate update) {
    Repository repository = update.repository();
    ObjectNode payload = Json.object();
    payload.put("ref", update.ref());
    payload.put("before", update.beforeSha());
    payload.put("after", update.afterSha());
    payload.put("created", update.created());
    payload.put("deleted", update.deleted());
    payload.put("forced", update.forced());
    payload.putNull("base_ref");
    payload.put("compare", compare(update));
    List<RevCommit> introduced =
        GitHistory.introduced(
            repository, update.ref(), update.before(), update.after(), MAX_COMMITS);
    ArrayNode commits = payload.putArray("commits");
    for (RevCommit commit : introduced) {
      commits.add(commit(repository, commit, true));
    }
    if (update.deleted()) {
      payload.putNull("head_commit");
    } else if (!introduced.isEmpty()) {
      payload.set("head_commit", commits.get(commits.size() - 1).deepCopy());
    } else {
      // A new ref at a commit that is already on another branch: GitHub names it, not distinct.
      Optional<RevCommit> head = data.commit(repository, update.afterSha());
      payload.set("head_commit", head.map(c -> commit(repository, c, false)).orElse(null));
    }
    String bot = update.pusher().login();
    payload
        .putObject("pusher")
        .put("name", bot)
        .put("email", update.pusher().id() + "+" + bot + "@users.noreply.github.com");
    payload.set("repository", repository(repository, update));
    payload.set("sender", users.botUser(update.pusher()));
    return payload;
  }

  /**
   * The described push for one receiver, with its {@code installation} and {@code organization}.
   */
  ObjectNode forReceiver(ObjectNode described, RefUpdate update, Installation receiver) {
    ObjectNode payload = described.deepCopy();
    ObjectNode repository = (ObjectNode) payload.get("repository");
    ObjectNode sender = (ObjectNode) payload.get("sender");
    payloads.repositoryEvent(payload, update.repository(), sender, receiver);
    payload.set("repository", repository); // the push event's own repository shape
    return payload;
  }

  private ObjectNode commit(Repository repository, RevCommit commit, boolean distinct) {
    ObjectNode node = Json.object();
    node.put("id", commit.getId().name());
    node.put("tree_id", commit.getTree().getId().name());
    node.put("distinct", distinct);
    node.put("message", commit.getFullMessage());
    PersonIdent committer = commit.getCommitterIdent();
    node.put(
        "timestamp",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            committer.getWhenAsInstant().atZone(committer.getZoneId())));
    node.put("url", urls.web("/" + repository.fullName() + "/commit/" + commit.getId().name()));
    node.set("author", person(commit.getAuthorIdent()));
    node.set("committer", person(committer));
    ArrayNode added = node.putArray("added");
    ArrayNode removed = node.putArray("removed");
    ArrayNode modified = node.putArray("modified");
    for (GitHistory.Changed changed : GitHistory.changes(repository, commit)) {
      switch (changed.status()) {
        case "added" -> added.add(changed.path());
        case "removed" -> removed.add(changed.path());
        default -> modified.add(changed.path());
      }
    }
    return node;
  }

  /** {@code {name, email, username}}: the username when the email is a GitHub user's. */
  private ObjectNode person(PersonIdent ident) {
    ObjectNode person =
        Json.object().put("name", ident.getName()).put("email", ident.getEmailAddress());
    ObjectNode user = git.user(ident);
    if (user != null) {
      person.put("username", user.get("login").asText());
    }
    return person;
  }

  /** As GitHub's push events show it: dates as epoch seconds, and a few fields of its own. */
  private ObjectNode repository(Repository repository, RefUpdate update) {
    ObjectNode node = json.repository(repository);
    node.put("created_at", repository.createdAt().getEpochSecond());
    node.put("pushed_at", update.at().getEpochSecond());
    node.put("stargazers", 0);
    node.put("master_branch", node.get("default_branch").asText());
    if (repository.owner().isOrganization()) {
      node.put("organization", repository.owner().login());
    }
    ObjectNode owner = (ObjectNode) node.get("owner");
    owner.put("name", repository.owner().login());
    owner.putNull("email");
    return node;
  }

  /**
   * GitHub's compare link: {@code <before 12>...<after 12>}, or the ref's short name for a new one
   * (unconfirmed for tags).
   */
  private String compare(RefUpdate update) {
    String base = urls.web("/" + update.repository().fullName() + "/compare/");
    if (update.created()) {
      String ref = update.ref();
      return base + ref.substring(ref.indexOf('/', "refs/".length()) + 1);
    }
    return base + update.beforeSha().substring(0, 12) + "..." + update.afterSha().substring(0, 12);
  }
}
