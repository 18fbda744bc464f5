package io.github.ghapp.emulator.internal.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.RecordedRequest;
import io.github.ghapp.emulator.internal.EmulatorCore;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import io.github.ghapp.emulator.internal.http.ApiException;
import io.github.ghapp.emulator.internal.http.ApiResponse;
import io.github.ghapp.emulator.internal.http.ApiServlet;
import io.github.ghapp.emulator.internal.http.Json;
import io.github.ghapp.emulator.internal.http.RateLimiter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's GraphQL endpoint ({@code POST /graphql}, {@code /api/graphql} in GHES mode): an
 * installation token as {@code Bearer} or {@code token}, a body {@code {query, variables,
 * operationName}}, an answer {@code {data, errors}}. Its own servlet because GraphQL answers
 * differently from REST: a query error is HTTP 200 with {@code errors}, the budget is the separate
 * {@code graphql} resource, and a spent budget is a 200 with a {@code RATE_LIMITED} error. Injected
 * delays and 5xx apply here as to REST; requests go into the request log.
 */
public final class GraphqlServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(GraphqlServlet.class);

  static final String RESOURCE = "graphql";
  private static final String DOCS = "https://docs.github.com/graphql";
  private static final String AUTHENTICATION_DOCS =
      "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

  private final transient EmulatorCore core;
  private final transient GraphQL graphql;

  private GraphqlServlet(EmulatorCore core) {
    this.core = core;
    this.graphql = GraphqlSchema.build(core);
  }

  /**
   * Maps the endpoint at its exact path, which takes precedence over the REST servlet's {@code /*}.
   */
  public static void register(ServletContextHandler context, EmulatorCore core) {
    String path = Urls.of(0, core.ghes()).graphqlPath();
    context.addServlet(new ServletHolder("graphql", new GraphqlServlet(core)), path);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    core.faults().takeDelay().ifPresent(GraphqlServlet::pause);
    Instant now = core.now();
    String authorization = request.getHeader("Authorization");
    CredentialKind kind = CredentialResolver.classify(authorization);
    Long installationId = null;
    RateLimiter.Snapshot rate = null;
    ApiResponse answer;
    try {
      OptionalInt failure = core.faults().takeFailure();
      if (failure.isPresent()) {
        throw ApiException.of(failure.getAsInt(), "Server Error");
      }
      if (!request.getMethod().equals("POST")) {
        // Unconfirmed: GitHub's GraphQL endpoint serves queries over POST only.
        throw ApiException.notFound();
      }
      Caller caller;
      try {
        caller = core.credentials().resolve(authorization, now);
      } catch (ApiException refused) {
        kind = CredentialKind.INVALID;
        throw refused;
      }
      kind = caller.kind();
      if (caller instanceof Caller.Anonymous) {
        throw ApiException.of(401, "This endpoint requires you to be authenticated.")
            .documentedAt(AUTHENTICATION_DOCS);
      }
      if (!(caller instanceof Caller.InstallationCaller)) {
        // Unconfirmed wording: an app's JWT is not a GraphQL credential; GitHub refuses it with a
        // 401,
        // assumed to be the same "Bad credentials" as the REST installation routes give.
        throw ApiException.badCredentials().documentedAt(DOCS);
      }
      Caller.InstallationCaller installation = (Caller.InstallationCaller) caller;
      installationId = installation.installation().id();
      rate = core.rateLimits().consume(caller, request.getRemoteAddr(), RESOURCE, now);
      answer =
          rate.exceeded()
              ? rateLimited(installationId)
              : execute(installation, request.getInputStream().readAllBytes(), now);
    } catch (ApiException e) {
      answer = e.toResponse(DOCS);
    } catch (RuntimeException e) {
      log.warn("GraphQL request failed inside the emulator", e);
      answer = ApiException.of(500, "Server Error").toResponse(DOCS);
    }
    String requestId = ApiServlet.newRequestId();
    // Logged before the answer leaves, so that a client that has its answer always finds it in the
    // log.
    core.requestLog()
        .add(
            new RecordedRequest(
                request.getMethod(),
                request.getRequestURI(),
                kind,
                installationId,
                answer.status(),
                now,
                requestId));
    write(response, answer, now, requestId, rate);
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
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(request.get("query").asText())
            .operationName(
                request.path("operationName").isTextual()
                    ? request.get("operationName").asText()
                    : null)
            .variables(variables)
            .graphQLContext(context)
            .build();
    return ApiResponse.ok(render(graphql.execute(input)));
  }

  /**
   * {@code {data, errors}}; each error as GitHub writes it: {@code type}, {@code path}, {@code
   * locations}, {@code message}.
   */
  private static ObjectNode render(ExecutionResult result) {
    ObjectNode body = Json.object();
    if (result.isDataPresent()) {
      body.set("data", Json.MAPPER.valueToTree(result.getData()));
    }
    if (!result.getErrors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (GraphQLError error : result.getErrors()) {
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

  /** GitHub answers a spent GraphQL budget with HTTP 200 and a {@code RATE_LIMITED} error. */
  private static ApiResponse rateLimited(long installationId) {
    return ApiResponse.ok(
        errors(
            Json.object()
                .put("type", "RATE_LIMITED")
                .put(
                    "message",
                    "API rate limit exceeded for installation ID " + installationId + ".")));
  }

  private static ObjectNode errors(ObjectNode error) {
    ObjectNode body = Json.object();
    body.putArray("errors").add(error);
    return body;
  }

  private static void write(
      HttpServletResponse response,
      ApiResponse answer,
      Instant now,
      String requestId,
      RateLimiter.Snapshot rate)
      throws IOException {
    response.setStatus(answer.status());
    response.setHeader("Server", "GitHub.com");
    response.setHeader("Date", HTTP_DATE.format(now));
    response.setContentType("application/json; charset=utf-8");
    response.setHeader("X-GitHub-Media-Type", "github.v4; format=json");
    response.setHeader("X-GitHub-Request-Id", requestId);
    if (rate != null) {
      response.setHeader("x-ratelimit-limit", Integer.toString(rate.limit()));
      response.setHeader("x-ratelimit-remaining", Integer.toString(rate.remaining()));
      response.setHeader("x-ratelimit-reset", Long.toString(rate.resetEpochSeconds()));
      response.setHeader("x-ratelimit-used", Integer.toString(rate.used()));
      response.setHeader("x-ratelimit-resource", RESOURCE);
    }
    answer.headers().forEach(response::setHeader);
    byte[] bytes = Json.MAPPER.writeValueAsBytes(answer.body());
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }

  private static void pause(Duration delay) {
    try {
      // An injected delay holds this request's server thread, as a slow GitHub would.
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
