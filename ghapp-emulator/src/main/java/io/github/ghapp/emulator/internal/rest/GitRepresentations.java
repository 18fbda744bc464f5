package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.git.GitFiles;
import io.github.ghapp.emulator.internal.git.GitHistory;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Repository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The JSON of Git data, shaped like GitHub's: {@code content-file} and directory entries, {@code
 * file-commit}, {@code git-commit}, {@code git-ref}, {@code short-branch}. Commits are not signed,
 * so {@code verification} is {@code unsigned} (GitHub signs commits its API makes for bots: here
 * they are not).
 */
public final class GitRepresentations {

  /** GitHub's noreply address of a user: {@code [<id>+]<login>@users.noreply.github.com}. */
  private static final Pattern NOREPLY =
      Pattern.compile("(?:\\d+\\+)?([^@]+)@users\\.noreply\\.github\\.com");

  private final EmulatorState state;
  private final Urls urls;
  private final Representations json;
  private final IssueRepresentations users;

  public GitRepresentations(EmulatorState state, Urls urls, Representations json) {
    this.state = state;
    this.urls = urls;
    this.json = json;
    this.users = new IssueRepresentations(state, urls, json);
  }

  private String api(Repository repository) {
    return urls.api("/repos/" + repository.fullName());
  }

  private String html(Repository repository) {
    return urls.web("/" + repository.fullName());
  }

  /** A directory entry, or a file without its content; {@code ref} as the request named it. */
  public ObjectNode entry(Repository repository, GitFiles.Entry entry, String ref) {
    String api = api(repository);
    boolean dir = entry.type().equals("dir");
    ObjectNode node = Json.object();
    node.put("name", entry.name());
    node.put("path", entry.path());
    node.put("sha", entry.id().name());
    node.put("size", entry.size());
    node.put("url", api + "/contents/" + entry.path() + "?ref=" + ref);
    node.put("html_url", html(repository) + (dir ? "/tree/" : "/blob/") + ref + "/" + entry.path());
    node.put("git_url", api + (dir ? "/git/trees/" : "/git/blobs/") + entry.id().name());
    if (dir || entry.type().equals("submodule")) {
      node.putNull("download_url");
    } else {
      // GitHub's raw.githubusercontent.com; the emulator does not serve this address.
      node.put("download_url", html(repository) + "/raw/" + ref + "/" + entry.path());
    }
    node.put("type", entry.type());
    ObjectNode links = node.putObject("_links");
    links.put("self", node.get("url").asText());
    links.put("git", node.get("git_url").asText());
    links.put("html", node.get("html_url").asText());
    return node;
  }

  /**
   * {@code content-file}: the entry with its bytes in base64, in lines of 60 characters as GitHub
   * writes them.
   */
  public ObjectNode file(Repository repository, GitFiles.Entry entry, String ref, byte[] bytes) {
    ObjectNode node = entry(repository, entry, ref);
    String encoded = Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(bytes);
    node.put("content", encoded.isEmpty() ? "" : encoded + "\n");
    node.put("encoding", "base64");
    if (entry.type().equals("symlink")) {
      node.put("target", new String(bytes, StandardCharsets.UTF_8));
    }
    return node;
  }

  /** {@code file-commit}: what a contents write answers; {@code content} null after a delete. */
  public ObjectNode fileCommit(Repository repository, GitFiles.Change change, String branch) {
    ObjectNode node = Json.object();
    if (change.file() == null) {
      node.putNull("content");
    } else {
      node.set("content", entry(repository, change.file(), branch));
    }
    node.set("commit", gitCommit(repository, change.commit()));
    return node;
  }

  /** {@code git-commit}: {@code GET /repos/{owner}/{repo}/git/commits/{commit_sha}}. */
  public ObjectNode gitCommit(Repository repository, RevCommit commit) {
    String sha = commit.getId().name();
    ObjectNode node = Json.object();
    node.put("sha", sha);
    node.put("node_id", nodeId(commit));
    node.put("url", api(repository) + "/git/commits/" + sha);
    node.put("html_url", html(repository) + "/commit/" + sha);
    node.set("author", person(commit.getAuthorIdent()));
    node.set("committer", person(commit.getCommitterIdent()));
    node.set("tree", tree(repository, commit));
    node.put("message", commit.getFullMessage());
    ArrayNode parents = node.putArray("parents");
    for (RevCommit parent : commit.getParents()) {
      parents
          .addObject()
          .put("sha", parent.getId().name())
          .put("url", api(repository) + "/git/commits/" + parent.getId().name())
          .put("html_url", html(repository) + "/commit/" + parent.getId().name());
    }
    node.set("verification", unsigned());
    return node;
  }

  /**
   * {@code commit}: {@code GET /repos/{owner}/{repo}/commits/{ref}}, with the files it changed
   * ({@code files} and {@code stats} are added by the caller, which has the diff).
   */
  public ObjectNode commit(Repository repository, RevCommit commit) {
    String sha = commit.getId().name();
    String api = api(repository);
    ObjectNode node = Json.object();
    node.put("sha", sha);
    node.put("node_id", nodeId(commit));
    ObjectNode inner = node.putObject("commit");
    inner.set("author", person(commit.getAuthorIdent()));
    inner.set("committer", person(commit.getCommitterIdent()));
    inner.put("message", commit.getFullMessage());
    inner.set("tree", tree(repository, commit));
    inner.put("url", api + "/git/commits/" + sha);
    inner.put("comment_count", 0);
    inner.set("verification", unsigned());
    node.put("url", api + "/commits/" + sha);
    node.put("html_url", html(repository) + "/commit/" + sha);
    node.put("comments_url", api + "/commits/" + sha + "/comments");
    node.set("author", user(commit.getAuthorIdent()));
    node.set("committer", user(commit.getCommitterIdent()));
    ArrayNode parents = node.putArray("parents");
    for (RevCommit parent : commit.getParents()) {
      parents
          .addObject()
          .put("sha", parent.getId().name())
          .put("url", api + "/commits/" + parent.getId().name())
          .put("html_url", html(repository) + "/commit/" + parent.getId().name());
    }
    return node;
  }

  /** {@code diff-entry}: one file of {@code GET /repos/{owner}/{repo}/commits/{ref}}. */
  public ObjectNode diffEntry(Repository repository, RevCommit commit, GitHistory.Changed changed) {
    String sha = commit.getId().name();
    ObjectNode file = Json.object();
    file.put("sha", changed.blob().name());
    file.put("filename", changed.path());
    file.put("status", changed.status());
    file.put("additions", changed.additions());
    file.put("deletions", changed.deletions());
    file.put("changes", changed.additions() + changed.deletions());
    file.put("blob_url", html(repository) + "/blob/" + sha + "/" + changed.path());
    file.put("raw_url", html(repository) + "/raw/" + sha + "/" + changed.path());
    file.put("contents_url", api(repository) + "/contents/" + changed.path() + "?ref=" + sha);
    if (changed.patch() != null) {
      file.put("patch", changed.patch());
    }
    return file;
  }

  /** {@code git-ref}; {@code type} is the Git type of the object it points at. */
  public ObjectNode ref(Repository repository, Ref ref, String type) {
    ObjectId id = ref.getObjectId();
    ObjectNode node = Json.object();
    node.put("ref", ref.getName());
    node.put(
        "node_id",
        Base64.getEncoder()
            .encodeToString(
                ("04:Ref" + repository.id() + ":" + ref.getName())
                    .getBytes(StandardCharsets.UTF_8)));
    node.put("url", api(repository) + "/git/" + ref.getName());
    node.putObject("object")
        .put("sha", id.name())
        .put("type", type)
        .put("url", api(repository) + "/git/" + type + "s/" + id.name());
    return node;
  }

  /** {@code short-branch}: one item of {@code GET /repos/{owner}/{repo}/branches}. */
  public ObjectNode shortBranch(Repository repository, String name, ObjectId commit) {
    ObjectNode node = Json.object();
    node.put("name", name);
    node.putObject("commit")
        .put("sha", commit.name())
        .put("url", api(repository) + "/commits/" + commit.name());
    node.put("protected", false);
    return node;
  }

  /** {@code branch-with-protection}: no branch is protected in the emulator. */
  public ObjectNode branch(Repository repository, String name, JsonNode commit) {
    String api = api(repository);
    ObjectNode node = Json.object();
    node.put("name", name);
    node.set("commit", commit);
    node.putObject("_links")
        .put("self", api + "/branches/" + name)
        .put("html", html(repository) + "/tree/" + name);
    node.put("protected", false);
    ObjectNode protection = node.putObject("protection");
    protection.put("enabled", false);
    protection
        .putObject("required_status_checks")
        .put("enforcement_level", "off")
        .set("contexts", Json.array());
    ((ObjectNode) protection.get("required_status_checks")).set("checks", Json.array());
    node.put("protection_url", api + "/branches/" + name + "/protection");
    return node;
  }

  /** {@code {name, email, date}}, as Git records the person. */
  public static ObjectNode person(PersonIdent ident) {
    return Json.object()
        .put("name", ident.getName())
        .put("email", ident.getEmailAddress())
        .put("date", Json.time(ident.getWhenAsInstant()));
  }

  /**
   * The GitHub user a commit's email belongs to, as GitHub links them: an app's bot or an account
   * by its noreply address; null for anyone else.
   */
  public ObjectNode user(PersonIdent ident) {
    Matcher noreply = NOREPLY.matcher(ident.getEmailAddress());
    if (!noreply.matches()) {
      return null;
    }
    String login = noreply.group(1);
    for (App app : state.apps()) {
      if (app.botLogin().equalsIgnoreCase(login)) {
        return users.botUser(BotUser.of(app));
      }
    }
    return state.account(login).map(json::account).orElse(null);
  }

  private ObjectNode tree(Repository repository, RevCommit commit) {
    String tree = commit.getTree().getId().name();
    return Json.object().put("sha", tree).put("url", api(repository) + "/git/trees/" + tree);
  }

  private static ObjectNode unsigned() {
    ObjectNode verification = Json.object();
    verification.put("verified", false);
    verification.put("reason", "unsigned");
    verification.putNull("signature");
    verification.putNull("payload");
    verification.putNull("verified_at");
    return verification;
  }

  private static String nodeId(RevCommit commit) {
    return Base64.getEncoder()
        .encodeToString(("06:Commit" + commit.getId().name()).getBytes(StandardCharsets.UTF_8));
  }
}
