package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiRequest;
import io.github.ghapp.emulator.internal.state.BotUser;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Issue;
import io.github.ghapp.emulator.internal.state.Issues;
import io.github.ghapp.emulator.internal.state.PermissionLevel;
import io.github.ghapp.emulator.internal.state.Repository;

/**
 * What the issue, label and pull request routes share: the repository as the caller may see it, the
 * issue a path names, who acts, and how an issue's optional text field reads.
 */
final class IssueLookup {

  final EmulatorState state;
  final RepositoryAccess repositoryAccess;
  final Issues issues;

  IssueLookup(EmulatorState state, RepositoryAccess repositoryAccess, Issues issues) {
    this.state = state;
    this.repositoryAccess = repositoryAccess;
    this.issues = issues;
  }

  Repository repository(ApiRequest request, PermissionLevel level) {
    return RouteLookups.repository(repositoryAccess, request, level);
  }

  /** The issue (or pull request) numbered by the path's {@code parameter}; else 404. */
  Issue issue(ApiRequest request, Repository repository, String parameter) {
    long number = request.longParam(parameter);
    if (number < 1 || number > Integer.MAX_VALUE) {
      throw ApiException.notFound();
    }
    return issues.issue(repository.id(), (int) number).orElseThrow(ApiException::notFound);
  }

  /**
   * GitHub's table lets {@code issues} or {@code pull_requests} through for the issue routes that
   * serve both; which one counts depends on what the number is: a pull request takes either, an
   * issue only {@code issues} (GitHub's reference, "Update an issue"). The gate has checked the
   * alternatives; this narrows them once the issue is known.
   */
  void requireIssuePermission(
      ApiRequest request, Repository repository, Issue issue, PermissionLevel level) {
    if (issue.isPullRequest()
        || !(request.caller() instanceof Caller.InstallationCaller installation)
        || !repositoryAccess.reaches(installation, repository)) {
      return;
    }
    if (!installation.token().permissions().allows("issues", level)) {
      throw ApiException.of(403, RepositoryAccess.NOT_ACCESSIBLE);
    }
  }

  /** Writes are only routed for installation tokens, so there is an app. */
  BotUser actor(ApiRequest request) {
    return BotUser.of(RouteLookups.callerApp(state, request));
  }

  /** An optional string; absent is null, JSON null is {@code ""} for "clear it". */
  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      return null;
    }
    if (value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw BodyFields.wrongType(field, value, "a string");
    }
    return value.asText();
  }
}
