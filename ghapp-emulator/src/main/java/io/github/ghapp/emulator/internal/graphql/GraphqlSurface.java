package io.github.ghapp.emulator.internal.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.RepositoryAccess;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.Exchange;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.JsonAnswer;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import io.github.ghapp.emulator.internal.http.RequestBodies;
import io.github.ghapp.emulator.internal.http.Surface;
import io.github.ghapp.emulator.internal.state.Checks;
import io.github.ghapp.emulator.internal.state.CommitStatuses;
import io.github.ghapp.emulator.internal.state.EmulatorState;
import io.github.ghapp.emulator.internal.state.Issues;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub's GraphQL endpoint ({@code POST /graphql}, {@code /api/graphql} in GHES mode): an
 * installation token as {@code Bearer} or {@code token}, a body {@code {query, variables,
 * operationName}}, an answer {@code {data, errors}}. Its own surface because GraphQL answers
 * differently from REST: POST only, installation tokens only, a query error is HTTP 200 with {@code
 * errors}, the budget is the separate {@code graphql} resource, and a spent budget is a 200 with a
 * {@code RATE_LIMITED} error.
 */
public final class GraphqlSurface implements Surface {

  static final String RESOURCE = "graphql";
  private static final String DOCS = "https://docs.github.com/graphql";
  private static final String AUTHENTICATION_DOCS =
      "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";
  private static final String MEDIA_TYPE = "github.v4; format=json";

  /**
   * Jetty's spelling, without the space, which GraphQL answers have always had (they were written
   * through the servlet layer); kept so that no answer changes.
   */
  private static final String CONTENT_TYPE = "application/json;charset=utf-8";

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  /** {@code /graphql}, or {@code /api/graphql} in GHES mode. */
  private final String path;

  private final GraphqlData data;

  public GraphqlSurface(
      Urls urls,
      EmulatorState state,
      RepositoryAccess repositoryAccess,
      Issues issues,
      Checks checks,
      CommitStatuses statuses,
      RateLimiter rateLimits) {
    this.path = urls.graphqlPath();
    this.data =
        new GraphqlData(state, repositoryAccess, issues, checks, statuses, rateLimits, urls);
  }

  /** The exact path, as the servlet container maps it: decoded, without a trailing slash. */
  @Override
  public boolean claims(HttpServletRequest request) {
    return path.equals(request.getPathInfo());
  }

  @Override
  public String documentationUrl() {
    return DOCS;
  }

  @Override
  public void screen(Exchange exchange) {
    if (!exchange.request().getMethod().equals("POST")) {
      // Unconfirmed: GitHub's GraphQL endpoint serves queries over POST only.
      throw ApiException.notFound();
    }
  }

  @Override
  public void admit(Exchange exchange) {
    Caller caller = exchange.caller();
    if (caller instanceof Caller.Anonymous) {
      throw ApiException.of(401, "This endpoint requires you to be authenticated.")
          .documentedAt(AUTHENTICATION_DOCS);
    }
    if (!(caller instanceof Caller.InstallationCaller)) {
      // Unconfirmed wording: an app's JWT is not a GraphQL credential; GitHub refuses it with a
      // 401, assumed to be the same "Bad credentials" as the REST installation routes give.
      throw ApiException.badCredentials().documentedAt(DOCS);
    }
  }

  @Override
  public String budget(Exchange exchange) {
    return RESOURCE;
  }

  /** GitHub answers a spent GraphQL budget with HTTP 200 and a {@code RATE_LIMITED} error. */
  @Override
  public ApiResponse overBudget(Exchange exchange) {
    long installationId = ((Caller.InstallationCaller) exchange.caller()).installation().id();
    return ApiResponse.ok(
        errors(
            Json.object()
                .put("type", "RATE_LIMITED")
                .put(
                    "message",
                    "API rate limit exceeded for installation ID " + installationId + ".")));
  }

  @Override
  public ApiResponse answer(Exchange exchange) throws IOException {
    return execute(
        (Caller.InstallationCaller) exchange.caller(),
        RequestBodies.read(exchange.request()),
        exchange.now());
  }

  @Override
  public ApiResponse refusal(Exchange exchange, ApiException refused) {
    return refused.toResponse(DOCS);
  }

  @Override
  public void write(Exchange exchange, ApiResponse answer) throws IOException {
    JsonAnswer.write(exchange, answer, CONTENT_TYPE, MEDIA_TYPE, null);
  }

  private ApiResponse execute(Caller.InstallationCaller caller, byte[] body, Instant now) {
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.of(400, "Problems parsing JSON");
    }
    if (request == null || !request.path("query").isTextual()) {
      // Unconfirmed status: GitHub answers a body without a query with this error.
      return ApiResponse.ok(
          errors(
              Json.object()
                  .put("message", "A query attribute must be specified and must be a string.")));
    }
    JsonNode given = request.path("variables");
    Map<String, Object> variables =
        given.isObject() ? Json.MAPPER.convertValue(given, VARIABLES) : Map.of();
    Map<Object, Object> context = new HashMap<>();
    context.put(Caller.class, caller);
    context.put(Instant.class, now);
    context.put(GraphqlData.class, data);
    String query = request.get("query").asText();
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(query)
            .locale(Locale.ENGLISH)
            .operationName(
                request.path("operationName").isTextual()
                    ? request.get("operationName").asText()
                    : null)
            .variables(variables)
            .graphQLContext(context)
            .build();
    return ApiResponse.ok(render(GraphqlSchema.graphql().execute(input), query));
  }

  /**
   * {@code {data, errors}}; each error as GitHub writes it: {@code type}, {@code path}, {@code
   * locations}, {@code message}.
   */
  private static ObjectNode render(ExecutionResult result, String query) {
    ObjectNode body = Json.object();
    if (result.isDataPresent()) {
      body.set("data", Json.MAPPER.valueToTree(result.getData()));
    }
    if (!result.getErrors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (GraphQLError error : result.getErrors()) {
        if (error instanceof ValidationError) {
          errors.add(GitHubValidationErrors.render((ValidationError) error, query));
          continue;
        }
        ObjectNode node = errors.addObject();
        if (error.getErrorType() instanceof GitHubErrorType) {
          node.put("type", ((GitHubErrorType) error.getErrorType()).name());
        }
        if (error.getPath() != null) {
          node.set("path", Json.MAPPER.valueToTree(error.getPath()));
        }
        if (error.getExtensions() != null && !error.getExtensions().isEmpty()) {
          node.set("extensions", Json.MAPPER.valueToTree(error.getExtensions()));
        }
        if (error.getLocations() != null && !error.getLocations().isEmpty()) {
          ArrayNode locations = node.putArray("locations");
          for (SourceLocation location : error.getLocations()) {
            locations
                .addObject()
                .put("line", location.getLine())
                .put("column", location.getColumn());
          }
        }
        node.put("message", error.getMessage());
      }
    }
    return body;
  }

  private static ObjectNode errors(ObjectNode error) {
    ObjectNode body = Json.object();
    body.putArray("errors").add(error);
    return body;
  }
}
