package io.github.ghapp.emulator.internal.graphql;

import graphql.ErrorClassification;

/**
 * The {@code type} GitHub puts on the errors its resolvers raise, e.g. {@code "type": "NOT_FOUND"}
 * for a repository the token cannot see. Errors from graphql-java itself (syntax, validation) carry
 * no type, as GitHub's parse errors carry none.
 */
enum GitHubErrorType implements ErrorClassification {
  NOT_FOUND,
  FORBIDDEN,
  MISSING_PAGINATION_BOUNDARIES,
  EXCESSIVE_PAGINATION,
  INVALID_CURSOR_ARGUMENTS,
  /** The emulator's own: a field of GitHub's schema that the emulator does not resolve. */
  NOT_MODELLED
}
