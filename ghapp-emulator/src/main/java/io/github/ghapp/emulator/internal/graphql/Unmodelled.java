package io.github.ghapp.emulator.internal.graphql;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import java.util.Map;

/**
 * The resolver of every field nobody wired: an object the emulator builds as a map answers the
 * fields it holds; any other field is null with a {@code NOT_MODELLED} error naming it. The query
 * stays valid (GitHub's schema has the field), so a test learns exactly which field to model, or to
 * stop asking for.
 */
final class Unmodelled {

  private Unmodelled() {}

  static DataFetcher<Object> orFromMap(String type, String field) {
    String message =
        "ghapp-emulator does not model the field '"
            + field
            + "' on type '"
            + type
            + "' yet; GitHub's schema has it, so the query is valid. Leave it out of the query,"
            + " or model it in ghapp-emulator's GraphQL resolvers (see the emulator's README).";
    return env -> {
      Object source = env.getSource();
      if (source instanceof Map && ((Map<?, ?>) source).containsKey(field)) {
        return ((Map<?, ?>) source).get(field);
      }
      return DataFetcherResult.newResult()
          .error(
              GraphqlErrorBuilder.newError(env)
                  .errorType(GitHubErrorType.NOT_MODELLED)
                  .message(message)
                  .build())
          .build();
    };
  }
}
