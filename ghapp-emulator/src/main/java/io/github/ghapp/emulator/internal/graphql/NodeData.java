package io.github.ghapp.emulator.internal.graphql;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.Repository;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code node(id:)} and {@code nodes(ids:)}: the objects the emulator models, by the global ids
 * REST hands out as {@code node_id} ({@link NodeIds}), each behind the permission of the field that
 * leads to it, so an id never reveals what the token cannot read.
 */
final class NodeData {

  private NodeData() {}

  /**
   * {@code node(id:)}: a repository, an issue, a pull request, a label, a check run or suite, a
   * user, an organization or a bot by its global id, with the same access rules as the fields that
   * lead to them; anything else is GitHub's NOT_FOUND.
   */
  static Object node(GraphqlData data, DataFetchingEnvironment env) {
    String id = env.getArgument("id");
    Object node = lookUp(data, env, id);
    return node != null ? node : notANode(env, id);
  }

  /** {@code nodes(ids:)}: each id as {@link #node}, a null and an error for each one not found. */
  static Object nodes(GraphqlData data, DataFetchingEnvironment env) {
    List<String> ids = env.getArgument("ids");
    List<Object> nodes = new ArrayList<>();
    DataFetcherResult.Builder<Object> result = DataFetcherResult.newResult();
    for (int i = 0; i < ids.size(); i++) {
      Object node = lookUp(data, env, ids.get(i));
      nodes.add(node);
      if (node == null) {
        result.error(
            GraphqlErrorBuilder.newError(env)
                .errorType(GitHubErrorType.NOT_FOUND)
                .path(env.getExecutionStepInfo().getPath().segment(i))
                .message(notANodeMessage(ids.get(i)))
                .build());
      }
    }
    return result.data(nodes).build();
  }

  private static Object lookUp(GraphqlData data, DataFetchingEnvironment env, String id) {
    NodeIds.Decoded decoded = NodeIds.decode(id);
    if (decoded == null) {
      return null;
    }
    switch (decoded.type()) {
      case "Repository":
        return data.state()
            .repository(decoded.id())
            .filter(r -> data.mayRead(env, r, "metadata"))
            .orElse(null);
      case "Issue":
        for (Repository repository : data.readable(env, "issues")) {
          for (Issue issue : data.issueState().issues(repository.id())) {
            if (issue.id() == decoded.id() && !issue.isPullRequest()) {
              return data.issue(issue, repository);
            }
          }
        }
        return null;
      case "User":
      case "Organization":
        return data.state().accounts().stream()
            .filter(a -> a.id() == decoded.id() && decoded.type().equals(GraphqlData.ownerType(a)))
            .findFirst()
            .map(data::owner)
            .orElse(null);
      case "Bot":
        return data.state().apps().stream()
            .map(BotUser::of)
            .filter(b -> b.id() == decoded.id())
            .findFirst()
            .map(b -> data.bot(b, "Bot"))
            .orElse(null);
      case "PullRequest":
        return PullRequestData.lookUp(data, env, decoded.id());
      case "Label":
        return LabelData.lookUp(data, env, decoded.id());
      case "CheckRun":
      case "CheckSuite":
        return CheckData.lookUp(data, env, decoded.type(), decoded.id());
      default:
        return null;
    }
  }

  private static DataFetcherResult<Object> notANode(DataFetchingEnvironment env, String id) {
    return GraphqlData.error(env, GitHubErrorType.NOT_FOUND, notANodeMessage(id));
  }

  private static String notANodeMessage(String id) {
    return "Could not resolve to a node with the global id of '" + id + "'";
  }
}
