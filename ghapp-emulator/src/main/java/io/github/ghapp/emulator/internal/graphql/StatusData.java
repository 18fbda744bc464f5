package io.github.ghapp.emulator.internal.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.rest.Representations;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckSuite;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.CommitStatus;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A commit's statuses ({@code Commit.status}: each context's latest and the combined state, as
 * REST's combined status, with {@code statuses: read}) and its {@code statusCheckRollup} (those
 * statuses and the latest check run of each name, with whichever of {@code statuses: read} and
 * {@code checks: read} the token has).
 */
final class StatusData {

  /** Check run conclusions that fail a rollup (unconfirmed: GitHub does not list them). */
  private static final Set<String> FAILING =
      Set.of("failure", "timed_out", "cancelled", "action_required", "startup_failure");

  private StatusData() {}

  /**
   * {@code Commit.status}: null while the commit has no status (unconfirmed: GitHub documents the
   * field as nullable without saying when).
   */
  static Object status(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> commit = env.getSource();
    Repository repository = (Repository) commit.get("repository");
    if (!data.mayRead(env, repository, "statuses")) {
      return GraphqlData.forbidden(env);
    }
    List<CommitStatus> latest =
        data.statuses().latestPerContext(repository.id(), (String) commit.get("oid"));
    if (latest.isEmpty()) {
      return null;
    }
    List<Object> contexts = new ArrayList<>();
    latest.forEach(s -> contexts.add(context(data, s, commit)));
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "Status");
    node.put("id", GraphqlData.opaqueId("SC", repository.id() + ":" + commit.get("oid")));
    node.put("state", CheckData.upper(CommitStatuses.combinedState(latest)));
    node.put("contexts", contexts);
    node.put("commit", commit);
    return node;
  }

  /** {@code Status.context(name:)}: that context's latest, null when it never reported. */
  static Object contextNamed(GraphqlData data, DataFetchingEnvironment env) {
    Map<String, Object> status = env.getSource();
    String name = env.getArgument("name");
    for (Object context : (List<?>) status.get("contexts")) {
      if (name.equals(((Map<?, ?>) context).get("context"))) {
        return context;
      }
    }
    return null;
  }

  /**
   * {@code Commit.statusCheckRollup}: {@code FAILURE} when a status is {@code error}/{@code
   * failure} or a run failed, else {@code PENDING} while one is pending or a run has not completed,
   * else {@code SUCCESS}; null when there is nothing to roll up (both unconfirmed).
   */
  static Object statusCheckRollup(GraphqlData data, DataFetchingEnvironment env) {
    return rollup(data, env, env.getSource());
  }

  /**
   * The rollup of {@code commit}, a {@code Commit} map: a commit's own, or a pull request's head.
   */
  static Object rollup(GraphqlData data, DataFetchingEnvironment env, Map<String, Object> commit) {
    Repository repository = (Repository) commit.get("repository");
    String sha = (String) commit.get("oid");
    boolean statuses = data.mayRead(env, repository, "statuses");
    boolean checks = data.mayRead(env, repository, "checks");
    if (!statuses && !checks) {
      return GraphqlData.forbidden(env);
    }
    List<Object> contexts = new ArrayList<>();
    boolean failing = false;
    boolean pending = false;
    if (checks) {
      for (CheckSuite suite : data.checks().suitesOn(repository.id(), sha)) {
        for (CheckRun run : Checks.latestByName(data.checks().runsOf(suite))) {
          contexts.add(CheckData.run(data, run, repository));
          failing |= run.isCompleted() && FAILING.contains(run.conclusion());
          pending |= !run.isCompleted();
        }
      }
    }
    if (statuses) {
      for (CommitStatus status : data.statuses().latestPerContext(repository.id(), sha)) {
        contexts.add(context(data, status, commit));
        failing |= status.state().equals("error") || status.state().equals("failure");
        pending |= status.state().equals("pending");
      }
    }
    if (contexts.isEmpty()) {
      return null;
    }
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "StatusCheckRollup");
    node.put("id", GraphqlData.opaqueId("SCR", repository.id() + ":" + sha));
    node.put("state", failing ? "FAILURE" : pending ? "PENDING" : "SUCCESS");
    node.put("commit", commit);
    node.put("__contexts", contexts);
    return node;
  }

  /** {@code StatusCheckRollup.contexts(first:)}: check runs first, then statuses. */
  @SuppressWarnings("unchecked")
  static Object rollupContexts(GraphqlData data, DataFetchingEnvironment env) {
    List<Map<String, Object>> contexts =
        (List<Map<String, Object>>) env.<Map<String, Object>>getSource().get("__contexts");
    return ConnectionPage.answer(env, contexts, c -> (String) c.get("id"), "contexts", c -> c);
  }

  private static Map<String, Object> context(
      GraphqlData data, CommitStatus status, Map<String, Object> commit) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put(GraphqlData.TYPE, "StatusContext");
    node.put("id", Representations.nodeId("StatusContext", status.id()));
    node.put("context", status.context());
    node.put("state", CheckData.upper(status.state()));
    node.put("description", status.description());
    node.put("targetUrl", status.targetUrl());
    node.put("createdAt", Json.time(status.createdAt()));
    node.put("creator", data.bot(status.creator(), "Bot"));
    node.put("commit", commit);
    return node;
  }
}
