package io.github.ghapp.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.state.CheckRun;
import io.github.ghapp.emulator.internal.state.CheckRunChange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of "create a check run" and "update a check run" as GitHub's JSON schema does,
 * refusing it with GitHub's {@code 422 Invalid request.} and one line per problem in the words of
 * GitHub's schema validator: {@code "name" wasn't supplied.}, {@code For 'properties/name', 5 is
 * not a string.}, {@code waiting is not a member of [...]}. Both bodies carry the schema's {@code
 * anyOf}: a status of {@code completed} needs a conclusion; the lines for a failed {@code anyOf}
 * follow what GitHub answered for a status of {@code waiting} (observed for creating a run; the
 * order of the lines is assumed the same for every failure).
 */
final class CheckRunInput {

  static final List<String> CREATE_STATUSES = List.of("queued", "in_progress", "completed");

  /** Only GitHub Actions may set the last three (GitHub's documentation). */
  static final List<String> UPDATE_STATUSES =
      List.of("queued", "in_progress", "completed", "waiting", "requested", "pending");

  static final List<String> CONCLUSIONS =
      List.of(
          "action_required",
          "cancelled",
          "failure",
          "neutral",
          "success",
          "skipped",
          "stale",
          "timed_out");

  /** GitHub's documented limit of annotations per request. */
  static final int MAX_ANNOTATIONS = 50;

  private final JsonNode body;
  private final List<String> problems = new ArrayList<>();

  private CheckRunInput(JsonNode body) {
    this.body = body;
  }

  /** A create request: the change, whose {@code name} is set, and the {@code head_sha}. */
  record Create(String headSha, CheckRunChange change) {}

  static Create forCreate(JsonNode body) {
    requireObject(body);
    CheckRunInput input = new CheckRunInput(body);
    String name = input.text("name", true);
    String headSha = input.text("head_sha", true);
    CheckRunChange change = input.change(name, CREATE_STATUSES, true);
    return new Create(headSha, change);
  }

  static CheckRunChange forUpdate(JsonNode body) {
    requireObject(body);
    CheckRunInput input = new CheckRunInput(body);
    String name = input.text("name", false);
    return input.change(name, UPDATE_STATUSES, false);
  }

  private CheckRunChange change(String name, List<String> statuses, boolean titleRequired) {
    String detailsUrl = text("details_url", false);
    String externalId = text("external_id", false);
    String status = member("status", statuses);
    String conclusion = member("conclusion", CONCLUSIONS);
    Instant startedAt = time("started_at");
    Instant completedAt = time("completed_at");
    CheckRun.CheckOutput output = output(titleRequired);
    List<String> lines = new ArrayList<>();
    String given = body.path("status").isTextual() ? body.get("status").asText() : null;
    boolean completedBranch = "completed".equals(given) && body.hasNonNull("conclusion");
    boolean openBranch = given == null || given.equals("queued") || given.equals("in_progress");
    if (!completedBranch && !openBranch) {
      lines.add("No subschema in \"anyOf\" matched.");
      lines.addAll(problems);
      if (!"completed".equals(given)) {
        lines.add(given + " is not a member of [\"completed\"].");
      }
      if (!body.hasNonNull("conclusion")) {
        lines.add("\"conclusion\" wasn't supplied.");
      }
      lines.add(given + " is not a member of [\"queued\", \"in_progress\"].");
    } else {
      lines.addAll(problems);
    }
    if (!lines.isEmpty()) {
      throw ApiException.of(422, "Invalid request.\n\n" + String.join("\n", lines));
    }
    if ("stale".equals(conclusion)) {
      // GitHub's documentation: "You cannot change a check run conclusion to stale, only GitHub
      // can set this." Its answer is unconfirmed.
      throw ApiException.of(422, "Invalid request.\n\nConclusion stale can only be set by GitHub.");
    }
    if (status != null && UPDATE_STATUSES.indexOf(status) >= CREATE_STATUSES.size()) {
      // Unconfirmed: GitHub's answer when an app, not Actions, sets one of these.
      throw ApiException.of(
          422, "Invalid request.\n\nOnly GitHub Actions can set a status of " + status + ".");
    }
    return new CheckRunChange(
        name, detailsUrl, externalId, status, conclusion, startedAt, completedAt, output);
  }

  private static void requireObject(JsonNode body) {
    if (!body.isObject()) {
      // Unconfirmed wording: the validator's type error for the body itself.
      throw ApiException.of(422, "Invalid request.\n\n" + body + " is not an object.");
    }
  }

  private String text(String field, boolean required) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        problems.add("\"" + field + "\" wasn't supplied.");
      }
      return null;
    }
    if (!value.isTextual()) {
      problems.add("For 'properties/" + field + "', " + value + " is not a string.");
      return null;
    }
    return value.asText();
  }

  private String member(String field, List<String> allowed) {
    String value = text(field, false);
    if (value != null && !allowed.contains(value)) {
      problems.add(value + " is not a member of " + rubyList(allowed) + ".");
      return null;
    }
    return value;
  }

  /** ISO 8601, as GitHub asks ({@code YYYY-MM-DDTHH:MM:SSZ}); an offset is accepted too. */
  private Instant time(String field) {
    String value = text(field, false);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // the validator's format error, its wording unconfirmed
      problems.add(value + " is not a valid date-time.");
      return null;
    }
  }

  private CheckRun.CheckOutput output(boolean titleRequired) {
    JsonNode output = body.get("output");
    if (output == null || output.isNull()) {
      return null;
    }
    if (!output.isObject()) {
      problems.add("For 'properties/output', " + output + " is not an object.");
      return null;
    }
    // GitHub is assumed to word a missing output field as a missing top-level one (unconfirmed)
    CheckRunInput inner = new CheckRunInput(output);
    String title = inner.text("title", titleRequired);
    String summary = inner.text("summary", true);
    String text = inner.text("text", false);
    int annotations = 0;
    JsonNode list = output.get("annotations");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        inner.problems.add("For 'properties/annotations', " + list + " is not an array.");
      } else if (list.size() > MAX_ANNOTATIONS) {
        // the limit is documented, GitHub's wording for it is not: unconfirmed
        inner.problems.add(
            "For 'properties/annotations', the list has more than " + MAX_ANNOTATIONS + " items.");
      } else {
        annotations = list.size();
      }
    }
    problems.addAll(inner.problems);
    return new CheckRun.CheckOutput(title, summary, text, annotations);
  }

  /** A list as GitHub's validator prints one: {@code ["queued", "in_progress"]}. */
  static String rubyList(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v + "\"")
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }
}
