package io.github.ghapp.emulator.internal.graphql;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.Account;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.IssueState;
import io.github.ghapp.emulator.internal.state.Issues;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolvers: what each field answers for the caller of the request, with the same access rules
 * as REST ({@link RepositoryAccess}) worded as GitHub's GraphQL words them. Objects are handed to
 * graphql-java as maps whose keys are the field names; a repository stays a {@link Repository} so
 * that its fields can check access.
 */
final class GraphqlData {

  /**
   * The key under which an actor or owner map names its GraphQL type, for the interface type
   * resolvers.
   */
  static final String TYPE = "__type";

  private final EmulatorState state;
  private final RepositoryAccess repositoryAccess;
  private final Issues issues;
  private final RateLimiter rateLimits;
  private final Urls urls;
  private final Checks checks;
  private final CommitStatuses statuses;

  GraphqlData(
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      Issues issues,
      Checks checks,
      CommitStatuses statuses,
      RateLimiter rateLimits,
      Urls urls) {
    this.state = state;
    this.checks = checks;
    this.statuses = statuses;
    this.repositoryAccess = repositoryAccess;
    this.issues = issues;
    this.rateLimits = rateLimits;
    this.urls = urls;
  }

  /** The emulator answering this request, put in the request's context by the surface. */
  static GraphqlData of(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(GraphqlData.class);
  }

  /** The GraphQL type of an object that is not a map, for the interface and union resolvers. */
  static String typeOf(Object source) {
    return source instanceof Repository ? "Repository" : null;
  }

  static Caller.InstallationCaller caller(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(Caller.class);
  }

  Object viewer(DataFetchingEnvironment env) {
    App app = state.app(caller(env).installation().appId()).orElseThrow();
    return bot(BotUser.of(app), "User");
  }

  /**
   * A repository the token cannot see is GitHub's NOT_FOUND, worded as "Could not resolve to a
   * Repository".
   */
  Object repository(DataFetchingEnvironment env) {
    String owner = env.getArgument("owner");
    String name = env.getArgument("name");
    Optional<Repository> repository = state.repository(owner, name);
    RepositoryAccess.Decision decision =
        repository
            .map(r -> repositoryAccess.decide(caller(env), r, "metadata", PermissionLevel.READ))
            .orElse(RepositoryAccess.Decision.NOT_FOUND);
    switch (decision) {
      case ALLOWED:
        return repository.get();
      case FORBIDDEN:
        return forbidden(env);
      default:
        return error(
            env,
            GitHubErrorType.NOT_FOUND,
            "Could not resolve to a Repository with the name '" + owner + "/" + name + "'.");
    }
  }

  /**
   * {@code issues(first:, ...)}: needs {@code issues: read}; oldest first unless {@code orderBy}
   * says otherwise.
   */
  Object issues(DataFetchingEnvironment env) {
    Repository repository = sourceRepository(env);
    if (!mayReadIssues(env, repository)) {
      return forbidden(env);
    }
    List<String> states = env.getArgument("states");
    List<String> labels = env.getArgument("labels");
    List<Issue> issues = new ArrayList<>();
    for (Issue issue : this.issues.issues(repository.id())) {
      // Pull requests share the numbers but are not in the issues connection, as on GitHub.
      if (!issue.isPullRequest()
          && (states == null || states.contains(issue.state().name()))
          && hasAnyLabel(issue, labels)) {
        issues.add(issue);
      }
    }
    issues.sort(order(env.getArgument("orderBy")));
    return ConnectionPage.answer(
        env, issues, i -> Integer.toString(i.number()), "issues", i -> issue(i, repository));
  }

  Object issue(DataFetchingEnvironment env) {
    Repository repository = sourceRepository(env);
    if (!mayReadIssues(env, repository)) {
      return forbidden(env);
    }
    int number = env.getArgument("number");
    return issues
        .issue(repository.id(), number)
        .filter(i -> !i.isPullRequest())
        .<Object>map(i -> issue(i, repository))
        .orElseGet(
            () ->
                error(
                    env,
                    GitHubErrorType.NOT_FOUND,
                    "Could not resolve to an Issue with the number of " + number + "."));
  }

  /**
   * Whether the issue has one of the labels named (any case), or no names were given. Unconfirmed:
   * GitHub does not say whether several names mean any or all of them; any is assumed.
   */
  static boolean hasAnyLabel(Issue issue, List<String> names) {
    if (names == null) {
      return true;
    }
    return issue.labels().stream()
        .anyMatch(l -> names.stream().anyMatch(l.name()::equalsIgnoreCase));
  }

  /**
   * The installation's budget for the {@code graphql} resource, as its {@code x-ratelimit-*}
   * headers say.
   */
  Object rateLimit(DataFetchingEnvironment env) {
    Instant now = env.getGraphQlContext().get(Instant.class);
    RateLimiter.Snapshot rate = rateLimits.peek(caller(env), "", GraphqlSurface.RESOURCE, now);
    Map<String, Object> limit = new LinkedHashMap<>();
    limit.put("cost", 1);
    limit.put("limit", rate.limit());
    limit.put("nodeCount", 0);
    limit.put("remaining", rate.remaining());
    limit.put("resetAt", Instant.ofEpochSecond(rate.resetEpochSeconds()).toString());
    limit.put("used", rate.used());
    return limit;
  }

  /** The repositories whose {@code permission} the caller may read. */
  List<Repository> readable(DataFetchingEnvironment env, String permission) {
    List<Repository> readable = new ArrayList<>();
    for (Account account : state.accounts()) {
      for (Repository repository : state.repositoriesOf(account)) {
        if (mayRead(env, repository, permission)) {
          readable.add(repository);
        }
      }
    }
    return readable;
  }

  // ---- Repository fields, from the Repository record

  Object repositoryId(DataFetchingEnvironment env) {
    return Representations.nodeId("Repository", sourceRepository(env).id());
  }

  Object repositoryOwner(DataFetchingEnvironment env) {
    return owner(sourceRepository(env).owner());
  }

  static String ownerType(Account owner) {
    return owner.isOrganization() ? "Organization" : "User";
  }

  Map<String, Object> owner(Account owner) {
    String type = ownerType(owner);
    return actor(
        type,
        owner.id(),
        owner.login(),
        Representations.nodeId(type, owner.id()),
        urls.web("/avatars/u/" + owner.id() + "?v=4"),
        "/" + owner.login());
  }

  Object repositoryUrl(DataFetchingEnvironment env) {
    return urls.web("/" + sourceRepository(env).fullName());
  }

  Object repositoryVisibility(DataFetchingEnvironment env) {
    return sourceRepository(env).isPrivate() ? "PRIVATE" : "PUBLIC";
  }

  private boolean mayReadIssues(DataFetchingEnvironment env, Repository repository) {
    return mayRead(env, repository, "issues");
  }

  /** Whether the caller's token may read {@code permission} of the repository. */
  boolean mayRead(DataFetchingEnvironment env, Repository repository, String permission) {
    return repositoryAccess.decide(caller(env), repository, permission, PermissionLevel.READ)
        == RepositoryAccess.Decision.ALLOWED;
  }

  Urls urls() {
    return urls;
  }

  EmulatorState state() {
    return state;
  }

  Issues issueState() {
    return issues;
  }

  Checks checks() {
    return checks;
  }

  CommitStatuses statuses() {
    return statuses;
  }

  /** The key under which an issue or pull request map keeps its {@link Issue}, for its labels. */
  static final String ISSUE = "__issue";

  Map<String, Object> issue(Issue issue, Repository repository) {
    String path = "/" + repository.fullName() + "/issues/" + issue.number();
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(TYPE, "Issue");
    node.put(ISSUE, issue);
    node.put("author", bot(issue.author(), "Bot"));
    node.put("body", issue.body() == null ? "" : issue.body());
    node.put("closed", issue.state() == IssueState.CLOSED);
    node.put("closedAt", Json.time(issue.closedAt()));
    node.put("createdAt", Json.time(issue.createdAt()));
    node.put("databaseId", issue.id());
    node.put("id", Representations.nodeId("Issue", issue.id()));
    node.put("number", issue.number());
    node.put("repository", repository);
    node.put("state", issue.state().name());
    node.put("title", issue.title());
    node.put("updatedAt", Json.time(issue.updatedAt()));
    node.put("url", urls.web(path));
    return node;
  }

  /** The bot user, as {@code viewer} (a {@code User}) or as an issue's author (a {@code Bot}). */
  Map<String, Object> bot(BotUser bot, String type) {
    return actor(
        type,
        bot.id(),
        bot.login(),
        Representations.nodeId("Bot", bot.id()),
        urls.web("/avatars/in/" + bot.appId() + "?v=4"),
        "/apps/" + bot.slug());
  }

  private Map<String, Object> actor(
      String type,
      long databaseId,
      String login,
      String nodeId,
      String avatarUrl,
      String resourcePath) {
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put(TYPE, type);
    actor.put("avatarUrl", avatarUrl);
    actor.put("databaseId", databaseId);
    actor.put("id", nodeId);
    actor.put("login", login);
    actor.put("resourcePath", resourcePath);
    actor.put("url", urls.web(resourcePath));
    return actor;
  }

  static Comparator<Issue> order(Map<String, Object> orderBy) {
    Comparator<Issue> order = Comparator.comparing(Issue::createdAt);
    if (orderBy != null && "UPDATED_AT".equals(orderBy.get("field"))) {
      order = Comparator.comparing(Issue::updatedAt);
    } else if (orderBy != null && "COMMENTS".equals(orderBy.get("field"))) {
      order = Comparator.comparingInt(Issue::comments);
    }
    // Issues opened in the same instant keep the order of their numbers, in the requested direction
    // too.
    order = order.thenComparingInt(Issue::number);
    return orderBy != null && "DESC".equals(orderBy.get("direction")) ? order.reversed() : order;
  }

  /** The repository whose field is being resolved. */
  static Repository sourceRepository(DataFetchingEnvironment env) {
    return env.getSource();
  }

  /** GitHub's answer for data the caller's token may not read. */
  static DataFetcherResult<Object> forbidden(DataFetchingEnvironment env) {
    return error(env, GitHubErrorType.FORBIDDEN, RepositoryAccess.NOT_ACCESSIBLE);
  }

  /**
   * Refs, commits and status rollups have no database id, so their global ids are opaque, in the
   * shape of GitHub's newer ids ({@code REF_...}, {@code C_...}, {@code SC_...}); {@code node(id:)}
   * does not look them up (unmodelled).
   */
  static String opaqueId(String prefix, String key) {
    return prefix
        + "_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  static DataFetcherResult<Object> error(
      DataFetchingEnvironment env, GitHubErrorType type, String message) {
    return DataFetcherResult.newResult()
        .error(GraphqlErrorBuilder.newError(env).errorType(type).message(message).build())
        .build();
  }
}
