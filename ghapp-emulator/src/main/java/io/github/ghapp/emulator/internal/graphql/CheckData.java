package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.App;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckSuite;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Check suites and runs of a {@code Commit} ({@code checkSuites(first:, filterBy:)}, then each
 * suite's {@code checkRuns}), from the same {@link Checks} REST writes, with REST's ids. They need
 * {@code checks: read}, as REST's check routes do (unconfirmed for GraphQL: GitHub does not
 * document per-field permissions there). Commit statuses are {@link StatusData}'s.
 */
final class CheckData {

  static final String SUITE = "__suite";
  static final String RUN = "__run";

  private CheckData() {}

  /** {@code Commit.checkSuites}: every app's suite for the commit, in the order they were made. */
  static Object checkSuites(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> commit = env.getSource();
    Repository repository = (Repository) commit.get("repository");
    if (!data.mayRead(env, repository, "checks")) {
      return GraphqlData.forbidden(env);
    }
    Map<String, Object> filter = env.getArgument("filterBy");
    Number appId = filter == null ? null : (Number) filter.get("appId");
    String checkName = filter == null ? null : (String) filter.get("checkName");
    List<CheckSuite> suites = new ArrayList<>();
    for (CheckSuite suite : data.checks().suitesOn(repository.id(), (String) commit.get("oid"))) {
      if ((appId == null || appId.longValue() == suite.appId())
          && (checkName == null
              || data.checks().runsOf(suite).stream().anyMatch(r -> r.name().equals(checkName)))) {
        suites.add(suite);
      }
    }
    return ConnectionPage.answer(
        env, suites, s -> Long.toString(s.id()), "checkSuites", s -> suite(data, s, repository));
  }

  /**
   * {@code CheckSuite.checkRuns(first:, filterBy:)}: newest first, as REST lists them; without a
   * {@code checkType}, only the latest run of each name, as REST's default {@code filter=latest}
   * (unconfirmed: GitHub does not document GraphQL's default).
   */
  static Object checkRuns(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> source = env.getSource();
    CheckSuite suite = (CheckSuite) source.get(SUITE);
    Repository repository = (Repository) source.get("repository");
    Map<String, Object> filter = env.getArgument("filterBy");
    Map<String, Object> by = filter == null ? Map.of() : filter;
    List<CheckRun> runs = data.checks().runsOf(suite);
    if (!"ALL".equals(by.get("checkType"))) {
      runs = Checks.latestByName(runs);
    }
    List<CheckRun> kept = new ArrayList<>();
    for (CheckRun run : runs) {
      if (matches(run, by)) {
        kept.add(run);
      }
    }
    return ConnectionPage.answer(
        env, kept, r -> Long.toString(r.id()), "checkRuns", r -> run(data, r, repository));
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(CheckRun run, Map<String, Object> by) {
    Number appId = (Number) by.get("appId");
    String status = upper(run.status());
    List<String> statuses = (List<String>) by.get("statuses");
    List<String> conclusions = (List<String>) by.get("conclusions");
    return (appId == null || appId.longValue() == run.appId())
        && (by.get("checkName") == null || by.get("checkName").equals(run.name()))
        && (by.get("status") == null || by.get("status").equals(status))
        && (statuses == null || statuses.contains(status))
        && (conclusions == null || conclusions.contains(upper(run.conclusion())));
  }

  /** {@code CheckRun.checkSuite}. */
  static Object suiteOfRun(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> source = env.getSource();
    CheckRun run = (CheckRun) source.get(RUN);
    Repository repository = (Repository) source.get("repository");
    return data.checks()
        .suite(repository.id(), run.suiteId())
        .map(s -> suite(data, s, repository))
        .orElse(null);
  }

  /** {@code CheckSuite.commit}, read from the bare repository. */
  static Object commitOfSuite(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> source = env.getSource();
    CheckSuite suite = (CheckSuite) source.get(SUITE);
    return GitData.commit(data, (Repository) source.get("repository"), suite.headSha());
  }

  /** {@code CheckSuite.branch}: the branch it was made for, null when none (or gone). */
  static Object branchOfSuite(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> source = env.getSource();
    CheckSuite suite = (CheckSuite) source.get(SUITE);
    return suite.headBranch() == null
        ? null
        : GitData.branch(data, (Repository) source.get("repository"), suite.headBranch());
  }

  static Map<String, Object> lookUp(
      GraphqlData data, DataFetchingEnvironment env, String type, long id) {
    for (Repository repository : data.readable(env, "checks")) {
      if (type.equals("CheckRun")) {
        Optional<CheckRun> run = data.checks().run(repository.id(), id);
        if (run.isPresent()) {
          return run(data, run.get(), repository);
        }
      } else {
        Optional<CheckSuite> suite = data.checks().suite(repository.id(), id);
        if (suite.isPresent()) {
          return suite(data, suite.get(), repository);
        }
      }
    }
    return null;
  }

  static Map<String, Object> suite(GraphqlData data, CheckSuite suite, Repository repository) {
    Checks.Summary summary = data.checks().summary(suite);
    // Unconfirmed: GitHub's page of a suite is assumed to be the commit's checks page.
    String path =
        "/" + repository.fullName() + "/commit/" + suite.headSha() + "/checks?check_suite_id=";
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "CheckSuite");
    node.put(SUITE, suite);
    node.put("id", Representations.nodeId("CheckSuite", suite.id()));
    node.put("databaseId", suite.id());
    node.put("app", data.state().app(suite.appId()).map(a -> app(data, a)).orElse(null));
    node.put("status", upper(summary.status()));
    node.put("conclusion", upper(summary.conclusion()));
    node.put("createdAt", Json.time(suite.createdAt()));
    node.put("updatedAt", Json.time(suite.updatedAt()));
    node.put("repository", repository);
    node.put("resourcePath", path + suite.id());
    node.put("url", data.urls().web(path + suite.id()));
    return node;
  }

  static Map<String, Object> run(GraphqlData data, CheckRun run, Repository repository) {
    String path = "/" + repository.fullName() + "/runs/" + run.id();
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "CheckRun");
    node.put(RUN, run);
    node.put("id", Representations.nodeId("CheckRun", run.id()));
    node.put("databaseId", run.id());
    node.put("name", run.name());
    node.put("status", upper(run.status()));
    node.put("conclusion", upper(run.conclusion()));
    node.put("startedAt", Json.time(run.startedAt()));
    node.put("completedAt", Json.time(run.completedAt()));
    // As REST: without a details_url, the app's page (GitHub's documented default).
    String slug = data.state().app(run.appId()).map(App::slug).orElse("unknown");
    node.put(
        "detailsUrl",
        run.detailsUrl() != null ? run.detailsUrl() : data.urls().web("/apps/" + slug));
    node.put("externalId", run.externalId());
    node.put("title", run.output().title());
    node.put("summary", run.output().summary());
    node.put("text", run.output().text());
    node.put("repository", repository);
    node.put("resourcePath", path);
    node.put("url", data.urls().web(path));
    node.put("permalink", data.urls().web(path));
    return node;
  }

  private static Map<String, Object> app(GraphqlData data, App app) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "App");
    node.put("id", Representations.nodeId("App", app.id()));
    node.put("databaseId", app.id());
    node.put("clientId", app.clientId());
    node.put("name", app.name());
    node.put("slug", app.slug());
    node.put("description", app.description());
    node.put("createdAt", Json.time(app.createdAt()));
    node.put("updatedAt", Json.time(app.createdAt()));
    node.put("url", data.urls().web("/apps/" + app.slug()));
    return node;
  }

  /** REST's {@code in_progress} is GraphQL's {@code IN_PROGRESS}; null stays null. */
  static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }
}
