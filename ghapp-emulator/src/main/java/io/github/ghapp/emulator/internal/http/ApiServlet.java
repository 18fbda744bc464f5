package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.RecordedRequest;
import io.github.ghapp.emulator.internal.EmulatorCore;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to the emulator's API passes here, in GitHub's order: injected delay and 5xx, the
 * {@code X-GitHub-Api-Version} check, credentials ({@link CredentialResolver}), route lookup, the
 * route's credential kind ({@link Access}), the rate limit, then the route's handler. The answer
 * gets the headers every GitHub answer has ({@code Date} from the emulator's clock, {@code
 * X-GitHub-Request-Id}, the JSON content type, rate-limit headers) and goes into the request log.
 * The {@code /_emulator/} admin routes skip all of that.
 */
public final class ApiServlet extends HttpServlet {

  private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);
  private static final long serialVersionUID = 1L;

  public static final String DEFAULT_VERSION = "2022-11-28";
  public static final Set<String> SUPPORTED_VERSIONS = Set.of("2022-11-28", "2026-03-10");
  static final String CONTENT_TYPE = "application/json; charset=utf-8";
  static final String REQUIRES_AUTHENTICATION = "Requires authentication";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final AtomicLong REQUEST_SEQUENCE =
      new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));

  private final transient EmulatorCore core;
  private final transient Router router;

  public ApiServlet(EmulatorCore core, Router router) {
    this.core = core;
    this.router = router;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    String path = request.getRequestURI();
    Optional<Route.Match> match = router.match(method, path);
    if (match.isPresent() && match.get().route().access() == Access.ADMIN) {
      serveAdmin(match.get(), request, response);
      return;
    }
    core.faults().takeDelay().ifPresent(ApiServlet::pause);
    Instant now = core.now();
    String requestId = newRequestId();
    String authorization = request.getHeader("Authorization");
    CredentialKind kind = CredentialResolver.classify(authorization);
    String documentationUrl =
        match.map(m -> m.route().documentationUrl()).orElse(ApiException.REST_DOCS);
    Long installationId = null;
    RateLimiter.Snapshot rate = null;
    ApiResponse answer;
    try {
      OptionalInt failure = core.faults().takeFailure();
      if (failure.isPresent()) {
        throw ApiException.of(failure.getAsInt(), "Server Error")
            .documentedAt(ApiException.REST_DOCS);
      }
      checkVersion(request.getHeader("X-GitHub-Api-Version"));
      Caller caller;
      try {
        caller = core.credentials().resolve(authorization, now);
      } catch (ApiException refused) {
        kind = CredentialKind.INVALID;
        throw refused;
      }
      kind = caller.kind();
      if (caller instanceof Caller.InstallationCaller) {
        installationId = ((Caller.InstallationCaller) caller).installation().id();
      }
      Route.Match matched =
          match.orElseThrow(() -> ApiException.notFound().documentedAt(ApiException.REST_DOCS));
      checkAccess(matched.route().access(), caller);
      if (!isRateLimitQuery(matched.route())) {
        rate = core.rateLimits().consume(caller, request.getRemoteAddr(), RateLimiter.CORE, now);
        if (rate.exceeded()) {
          throw rateLimited(rate);
        }
      }
      ApiRequest apiRequest =
          new ApiRequest(
              method,
              path,
              matched.parameters(),
              request.getQueryString(),
              request::getHeader,
              request.getInputStream().readAllBytes(),
              caller,
              now,
              request.getRemoteAddr(),
              core.urls().web(path));
      try {
        answer = matched.route().handler().handle(apiRequest);
      } finally {
        if (apiRequest.notedInstallation() != null) {
          installationId = apiRequest.notedInstallation();
        }
      }
    } catch (ApiException e) {
      answer = e.toResponse(documentationUrl);
    } catch (RuntimeException e) {
      log.warn("{} {} failed inside the emulator", method, path, e);
      answer = ApiException.of(500, "Server Error").toResponse(ApiException.REST_DOCS);
    }
    // Logged before the answer leaves, so that a client that has its answer always finds it in the
    // log.
    core.requestLog()
        .add(
            new RecordedRequest(
                method, path, kind, installationId, answer.status(), now, requestId));
    write(
        request, response, answer, now, requestId, rate, request.getHeader("X-GitHub-Api-Version"));
  }

  private void serveAdmin(
      Route.Match match, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ApiResponse answer;
    try {
      ApiRequest apiRequest =
          new ApiRequest(
              request.getMethod(),
              request.getRequestURI(),
              match.parameters(),
              request.getQueryString(),
              request::getHeader,
              request.getInputStream().readAllBytes(),
              new Caller.Anonymous(),
              core.now(),
              request.getRemoteAddr(),
              core.urls().web(request.getRequestURI()));
      answer = match.route().handler().handle(apiRequest);
    } catch (ApiException e) {
      answer = e.toResponse(match.route().documentationUrl());
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The admin API's own validation: the message says what is wrong and how to fix it.
      answer = ApiException.of(422, e.getMessage()).toResponse(match.route().documentationUrl());
    }
    write(request, response, answer, core.now(), newRequestId(), null, null);
  }

  private static void checkVersion(String version) {
    if (version != null && !SUPPORTED_VERSIONS.contains(version.trim())) {
      throw ApiException.of(
              400,
              "The version you specified in the \"X-GitHub-API-Version\" request header, \""
                  + version
                  + "\", is not a supported version. The following versions are currently supported: "
                  + "\"2026-03-10\" (most recent), \"2022-11-28\".")
          .documentedAt(ApiException.REST_DOCS);
    }
  }

  /** The route accepts this kind of caller, or GitHub's 401 for the wrong kind. */
  private static void checkAccess(Access access, Caller caller) {
    switch (access) {
      case APP:
        if (caller instanceof Caller.InstallationCaller) {
          throw ApiException.of(401, "A JSON web token could not be decoded")
              .documentedAt(ApiException.REST_DOCS);
        }
        if (caller instanceof Caller.Anonymous) {
          // Unconfirmed: GitHub's generic answer for a route that needs a credential.
          throw ApiException.of(401, REQUIRES_AUTHENTICATION);
        }
        return;
      case INSTALLATION:
      case INSTALLATION_OR_ANONYMOUS:
        if (caller instanceof Caller.AppCaller) {
          // Unconfirmed: a valid JWT is not a credential for installation routes; GitHub is
          // assumed to answer as for any credential it cannot use there.
          throw ApiException.badCredentials();
        }
        if (access == Access.INSTALLATION && caller instanceof Caller.Anonymous) {
          throw ApiException.of(401, REQUIRES_AUTHENTICATION);
        }
        return;
      default:
        return;
    }
  }

  /** {@code GET /rate_limit} does not count against the limit, as on GitHub. */
  private boolean isRateLimitQuery(Route route) {
    return route.pattern().equals(router.restPrefix() + "/rate_limit");
  }

  private static ApiException rateLimited(RateLimiter.Snapshot rate) {
    String message =
        rate.bucketDescription().startsWith("installation")
                || rate.bucketDescription().startsWith("app")
            ? "API rate limit exceeded for " + rate.bucketDescription() + "."
            : "API rate limit exceeded for "
                + rate.bucketDescription()
                + ". (But here's the good news: "
                + "Authenticated requests get a higher rate limit. Check out the documentation for more details.)";
    // No retry-after: GitHub sends it only for secondary limits; clients wait for
    // x-ratelimit-reset.
    return ApiException.of(rate.refusalStatus(), message)
        .documentedAt("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
  }

  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      ApiResponse answer,
      Instant now,
      String requestId,
      RateLimiter.Snapshot rate,
      String requestedVersion)
      throws IOException {
    response.setStatus(answer.status());
    response.setHeader("Server", "GitHub.com");
    response.setHeader("Date", HTTP_DATE.format(now));
    setExactContentType(request, response);
    response.setHeader("X-GitHub-Media-Type", "github.v3; format=json");
    response.setHeader(
        "X-GitHub-Api-Version-Selected",
        requestedVersion != null && SUPPORTED_VERSIONS.contains(requestedVersion.trim())
            ? requestedVersion.trim()
            : DEFAULT_VERSION);
    response.setHeader("X-GitHub-Request-Id", requestId);
    if (rate != null) {
      response.setHeader("x-ratelimit-limit", Integer.toString(rate.limit()));
      response.setHeader("x-ratelimit-remaining", Integer.toString(rate.remaining()));
      response.setHeader("x-ratelimit-reset", Long.toString(rate.resetEpochSeconds()));
      response.setHeader("x-ratelimit-used", Integer.toString(rate.used()));
      response.setHeader("x-ratelimit-resource", rate.resource());
    }
    answer.headers().forEach(response::setHeader);
    if (answer.body() != null) {
      byte[] bytes = Json.MAPPER.writeValueAsBytes(answer.body());
      response.setContentLength(bytes.length);
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }

  /**
   * Jetty's servlet layer rewrites {@code setContentType("application/json; charset=utf-8")}
   * without the space; GitHub sends it with the space, so the header goes straight into the fields
   * of the core response under the servlet one, which the servlet layer leaves alone as long as no
   * content type was set through it.
   */
  private static void setExactContentType(
      HttpServletRequest request, HttpServletResponse response) {
    ServletContextRequest servletRequest = ServletContextRequest.getServletContextRequest(request);
    if (servletRequest != null) {
      servletRequest
          .getServletContextResponse()
          .getWrapped()
          .getHeaders()
          .put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    } else {
      response.setContentType(CONTENT_TYPE);
    }
  }

  /**
   * GitHub's request ids look like {@code CAFE:1A2B3C:4D5E6F:7A8B9C:65A1B2C3}. Public for the
   * surfaces with their own servlet (GraphQL, Git), so that every answer's id comes from one
   * sequence.
   */
  public static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "%04X:%X:%X:%X:%08X",
        random.nextInt(0x10000),
        random.nextInt(0x1000000),
        REQUEST_SEQUENCE.incrementAndGet(),
        random.nextInt(0x1000000),
        random.nextInt() & 0xFFFFFFFFL);
  }

  private static void pause(Duration delay) {
    try {
      // An injected delay is meant to hold this request's server thread, as a slow GitHub would.
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
