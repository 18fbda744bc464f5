package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.git.PullRequestGit;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.CheckSuite;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.PullRequest;
import io.github.ghapp.emulator.internal.state.Repository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Pull requests: {@code repository.pullRequest(number:)}, {@code repository.pullRequests(...)} and
 * {@code node(id:)} with REST's {@code node_id}, from the {@link PullRequest} and its {@link
 * Issue}. They need {@code pull_requests: read}, as REST's pull request routes do (unconfirmed for
 * GraphQL: GitHub does not document per-field permissions there). What reads the bare repository
 * (the head and base refs, mergeability, commits, the diff's counts) is resolved only when asked
 * for.
 */
final class PullRequestData {

  /** The key under which a pull request map keeps its {@link PullRequest}. */
  static final String PULL = "__pull";

  private PullRequestData() {}

  /** {@code pullRequest(number:)}: an issue's number is not a pull request, as on GitHub. */
  static Object pullRequest(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    if (!data.mayRead(env, repository, "pull_requests")) {
      return GraphqlData.forbidden(env);
    }
    int number = env.getArgument("number");
    Optional<PullRequest> pull = data.issueState().pullRequests().find(repository.id(), number);
    Optional<Issue> issue = data.issueState().issue(repository.id(), number);
    if (pull.isEmpty() || issue.isEmpty()) {
      return GraphqlData.error(
          env,
          GitHubErrorType.NOT_FOUND,
          "Could not resolve to a PullRequest with the number of " + number + ".");
    }
    return pullRequest(data, pull.get(), issue.get(), repository);
  }

  /**
   * {@code pullRequests(first:, states:, headRefName:, baseRefName:, labels:, orderBy:)}: oldest
   * first unless {@code orderBy} says otherwise, as {@code issues}.
   */
  static Object pullRequests(GraphqlData data, DataFetchingEnvironment env) {
    return connection(data, env, GraphqlData.sourceRepository(env), pull -> true);
  }

  /**
   * {@code Commit.associatedPullRequests}: the pull requests whose head is the commit, or whose
   * merge made it (unconfirmed simplification: GitHub also counts commits inside an open head).
   */
  static Object associatedPullRequests(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> commit = env.getSource();
    String sha = (String) commit.get("oid");
    return connection(
        data,
        env,
        (Repository) commit.get("repository"),
        pull -> pull.headSha().equals(sha) || sha.equals(pull.mergeCommitSha()));
  }

  /**
   * {@code CheckSuite.matchingPullRequests}: "a list of open pull requests matching the check
   * suite" in GitHub's words, matched as REST's {@code pull_requests} of the suite (the open ones
   * whose head is the suite's branch at its commit), then filtered by the arguments.
   */
  static Object matchingPullRequests(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> source = env.getSource();
    CheckSuite suite = (CheckSuite) source.get(CheckData.SUITE);
    Repository repository = (Repository) source.get("repository");
    Set<Long> matching = new HashSet<>();
    for (PullRequest pull :
        data.issueState()
            .pullRequests()
            .openWithHead(repository.id(), suite.headBranch(), suite.headSha())) {
      matching.add(pull.id());
    }
    return connection(data, env, repository, pull -> matching.contains(pull.id()));
  }

  private static Object connection(
      GraphqlData data,
      DataFetchingEnvironment env,
      Repository repository,
      Predicate<PullRequest> wanted) {
    if (!data.mayRead(env, repository, "pull_requests")) {
      return GraphqlData.forbidden(env);
    }
    List<String> states = env.getArgument("states");
    String head = env.getArgument("headRefName");
    String base = env.getArgument("baseRefName");
    List<String> labels = env.getArgument("labels");
    Map<Integer, PullRequest> pulls = new LinkedHashMap<>();
    List<Issue> issues = new ArrayList<>();
    for (PullRequest pull : data.issueState().pullRequests().all(repository.id())) {
      Optional<Issue> issue = data.issueState().issue(repository.id(), pull.number());
      if (issue.isPresent()
          && wanted.test(pull)
          && (states == null || states.contains(state(pull, issue.get())))
          && (head == null || head.equals(pull.headRef()))
          && (base == null || base.equals(pull.baseRef()))
          && GraphqlData.hasAnyLabel(issue.get(), labels)) {
        pulls.put(pull.number(), pull);
        issues.add(issue.get());
      }
    }
    issues.sort(GraphqlData.order(env.getArgument("orderBy")));
    return ConnectionPage.answer(
        env,
        issues,
        i -> Integer.toString(i.number()),
        "pullRequests",
        i -> pullRequest(data, pulls.get(i.number()), i, repository));
  }

  /**
   * {@code issueOrPullRequest(number:)}: the pull request of that number (with {@code
   * pull_requests: read}) or else the issue (with {@code issues: read}).
   */
  static Object issueOrPullRequest(GraphqlData data, DataFetchingEnvironment env) {
    Repository repository = GraphqlData.sourceRepository(env);
    int number = env.getArgument("number");
    Optional<Issue> issue = data.issueState().issue(repository.id(), number);
    Optional<PullRequest> pull = data.issueState().pullRequests().find(repository.id(), number);
    String permission = pull.isPresent() ? "pull_requests" : "issues";
    if (!data.mayRead(env, repository, permission)) {
      return GraphqlData.forbidden(env);
    }
    if (issue.isEmpty()) {
      return GraphqlData.error(
          env,
          GitHubErrorType.NOT_FOUND,
          "Could not resolve to an issue or pull request with the number of " + number + ".");
    }
    return pull.isPresent()
        ? pullRequest(data, pull.get(), issue.get(), repository)
        : data.issue(issue.get(), repository);
  }

  static Map<String, Object> lookUp(GraphqlData data, DataFetchingEnvironment env, long id) {
    for (Repository repository : data.readable(env, "pull_requests")) {
      for (PullRequest pull : data.issueState().pullRequests().all(repository.id())) {
        if (pull.id() == id) {
          return data.issueState()
              .issue(repository.id(), pull.number())
              .map(issue -> pullRequest(data, pull, issue, repository))
              .orElse(null);
        }
      }
    }
    return null;
  }

  /** {@code OPEN}, {@code CLOSED} or {@code MERGED} (a merged pull request is also closed). */
  private static String state(PullRequest pull, Issue issue) {
    return pull.merged() ? "MERGED" : issue.state().name();
  }

  static Map<String, Object> pullRequest(
      GraphqlData data, PullRequest pull, Issue issue, Repository repository) {
    String path = "/" + repository.fullName() + "/pull/" + pull.number();
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "PullRequest");
    node.put(PULL, pull);
    node.put(GraphqlData.ISSUE, issue);
    node.put("id", Representations.nodeId("PullRequest", pull.id()));
    node.put("fullDatabaseId", Long.toString(pull.id()));
    node.put("number", pull.number());
    node.put("title", issue.title());
    node.put("body", issue.body() == null ? "" : issue.body());
    node.put("state", state(pull, issue));
    node.put("isDraft", pull.draft());
    node.put("merged", pull.merged());
    node.put("mergedAt", Json.time(issue.mergedAt()));
    node.put("mergedBy", pull.mergedBy() == null ? null : data.bot(pull.mergedBy(), "Bot"));
    node.put("closed", issue.state() == IssueState.CLOSED);
    node.put("closedAt", Json.time(issue.closedAt()));
    node.put("createdAt", Json.time(issue.createdAt()));
    node.put("updatedAt", Json.time(issue.updatedAt()));
    node.put("author", data.bot(issue.author(), "Bot"));
    node.put("headRefName", pull.headRef());
    node.put("baseRefName", pull.baseRef());
    node.put("headRefOid", pull.headSha());
    node.put("baseRefOid", pull.baseSha());
    node.put("repository", repository);
    node.put("baseRepository", repository);
    node.put("headRepository", repository);
    node.put("isCrossRepository", false);
    node.put("locked", false);
    node.put("resourcePath", path);
    node.put("url", data.urls().web(path));
    node.put("permalink", data.urls().web(path));
    return node;
  }

  /**
   * {@code databaseId} is an {@code Int}, too small for pull request ids past 2^31 (the emulator's
   * start at 4,000,000,001, as GitHub's do now), which is why GitHub deprecated it for {@code
   * fullDatabaseId}. Unconfirmed: GitHub's answer for an id that does not fit is assumed to be an
   * error on the field.
   */
  static Object databaseId(GraphqlData data, DataFetchingEnvironment env) {
    long id = pull(env).id();
    if (id <= Integer.MAX_VALUE) {
      return (int) id;
    }
    return GraphqlData.error(
        env,
        GitHubErrorType.NOT_MODELLED,
        "The pull request's id "
            + id
            + " does not fit in databaseId (an Int); ask for fullDatabaseId.");
  }

  // ---- fields read from the bare repository when asked for

  /** {@code headRef}: null once the head branch is deleted, as on GitHub. */
  static Object headRef(GraphqlData data, DataFetchingEnvironment env) {
    return GitData.branch(data, repository(env), pull(env).headRef());
  }

  static Object baseRef(GraphqlData data, DataFetchingEnvironment env) {
    return GitData.branch(data, repository(env), pull(env).baseRef());
  }

  /** {@code mergeCommit}: the commit the merge made, null until merged. */
  static Object mergeCommit(GraphqlData data, DataFetchingEnvironment env) {
    String sha = pull(env).mergeCommitSha();
    return sha == null ? null : GitData.commit(data, repository(env), sha);
  }

  /** {@code statusCheckRollup}: the head commit's, as GitHub shows it on the pull request. */
  static Object statusCheckRollup(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> head = GitData.commit(data, repository(env), pull(env).headSha());
    return head == null ? null : StatusData.rollup(data, env, head);
  }

  /**
   * {@code mergeable}: whether the head still merges into the base, as REST's {@code mergeable};
   * {@code UNKNOWN} once closed or merged (unconfirmed: GitHub stops computing it then).
   */
  static Object mergeable(GraphqlData data, DataFetchingEnvironment env) {
    PullRequest pull = pull(env);
    Issue issue = (Issue) env.<Map<String, Object>>getSource().get(GraphqlData.ISSUE);
    try (PullRequestGit git = PullRequestGit.open(repository(env).gitDirectory())) {
      Optional<String> base = git.branch(pull.baseRef());
      if (issue.state() != IssueState.OPEN || base.isEmpty()) {
        return "UNKNOWN";
      }
      return git.mergeable(base.get(), pull.headSha()) ? "MERGEABLE" : "CONFLICTING";
    }
  }

  /** {@code commits(first:)}: the head's commits not in the base, oldest first, as REST. */
  static Object commits(GraphqlData data, DataFetchingEnvironment env) {
    PullRequest pull = pull(env);
    Repository repository = repository(env);
    Map<String, Object> source = env.getSource();
    List<RevCommit> commits;
    try (PullRequestGit git = PullRequestGit.open(repository.gitDirectory())) {
      commits = git.commits(pull.baseSha(), pull.headSha());
    }
    return ConnectionPage.answer(
        env,
        commits,
        RevCommit::name,
        "commits",
        c -> pullRequestCommit(data, repository, source, c));
  }

  static Object additions(GraphqlData data, DataFetchingEnvironment env) {
    return sumOfFiles(env, PullRequestGit.FileChange::additions);
  }

  static Object deletions(GraphqlData data, DataFetchingEnvironment env) {
    return sumOfFiles(env, PullRequestGit.FileChange::deletions);
  }

  static Object changedFiles(GraphqlData data, DataFetchingEnvironment env) {
    return sumOfFiles(env, f -> 1);
  }

  private static int sumOfFiles(
      DataFetchingEnvironment env, ToIntFunction<PullRequestGit.FileChange> count) {
    PullRequest pull = pull(env);
    try (PullRequestGit git = PullRequestGit.open(repository(env).gitDirectory())) {
      return git.files(pull.baseSha(), pull.headSha()).stream().mapToInt(count).sum();
    }
  }

  private static Map<String, Object> pullRequestCommit(
      GraphqlData data, Repository repository, Map<String, Object> pull, RevCommit commit) {
    String path = pull.get("resourcePath") + "/commits/" + commit.name();
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "PullRequestCommit");
    // Unconfirmed: GitHub's ids of these are opaque; this one is only unique.
    String key = repository.id() + ":" + pull.get("number") + ":" + commit.name();
    node.put(
        "id",
        "PURC_"
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.getBytes(StandardCharsets.UTF_8)));
    node.put("commit", GitData.commit(data, repository, commit));
    node.put("pullRequest", pull);
    node.put("resourcePath", path);
    node.put("url", data.urls().web(path));
    return node;
  }

  private static PullRequest pull(DataFetchingEnvironment env) {
    return (PullRequest) env.<Map<String, Object>>getSource().get(PULL);
  }

  private static Repository repository(DataFetchingEnvironment env) {
    return (Repository) env.<Map<String, Object>>getSource().get("repository");
  }
}
