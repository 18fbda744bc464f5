package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.internal.EmulatorTime;
import io.github.ghapp.emulator.internal.FaultState;
import io.github.ghapp.emulator.internal.Urls;
import io.github.ghapp.emulator.internal.auth.Caller;
import io.github.ghapp.emulator.internal.auth.CredentialResolver;
import io.github.ghapp.emulator.internal.permissions.PermissionGate;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a request is admitted and answered: the emulator's only servlet. It picks the
 * {@link Surface} (Git, GraphQL, else REST) and runs every request of every surface through the
 * same steps, in GitHub's order:
 *
 * <ol>
 *   <li>an injected delay holds the request; an injected reset drops its connection unanswered;
 *   <li>admitted: the emulator's time, the request id, the credential as it looks ({@link
 *       Exchange});
 *   <li>an injected 5xx;
 *   <li>the surface's checks before credentials ({@link Surface#screen});
 *   <li>credentials ({@link CredentialResolver}); a refused one is logged as {@code INVALID};
 *   <li>the surface's checks of the caller ({@link Surface#admit}): REST's route and credential
 *       kind;
 *   <li>the rate limit of the surface's resource ({@link Surface#budget});
 *   <li>the permission gate ({@link PermissionGate}): the permission each REST route needs, from
 *       GitHub's table, checked against an installation token's before any handler runs;
 *   <li>the answer ({@link Surface#answer}), or the surface's wording of a refusal from any step;
 *   <li>the request log entry, written before the answer leaves, so that a client that has its
 *       answer always finds it logged;
 *   <li>the answer, with the surface's common headers ({@link Surface#write}).
 * </ol>
 *
 * REST routes, user-defined ones included, are looked up in one {@link Router} before the request
 * goes in. The {@code /_emulator/} admin routes are in the same table but served at the side
 * entrance ({@link #serveAdmin}): no faults, no rate limit, not logged, and only with this run's
 * admin token. Every request must name a loopback host ({@code Host}).
 */
public final class FrontDoor extends HttpServlet {

  private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);
  private static final long serialVersionUID = 1L;

  /** GitHub's header naming the permission sets a route accepts, sent to Apps on every answer. */
  private static final String ACCEPTED_PERMISSIONS = "X-Accepted-GitHub-Permissions";

  private final transient EmulatorTime time;
  private final transient FaultState faults;
  private final transient CredentialResolver credentials;
  private final transient RateLimiter rateLimits;
  private final transient RequestLog requestLog;
  private final transient Router routes;
  private final transient PermissionGate gate;
  private final transient RestSurface rest;
  private final transient Surface[] surfaces;
  private final transient int port;
  private final transient byte[] adminAuthorization;

  /**
   * @param claimedFirst the surfaces asked, in order, whether a request is theirs before REST takes
   *     it: Git (its paths are repositories), then GraphQL (one exact path)
   */
  public FrontDoor(
      EmulatorTime time,
      FaultState faults,
      CredentialResolver credentials,
      RateLimiter rateLimits,
      RequestLog requestLog,
      Urls urls,
      Router routes,
      PermissionGate gate,
      String adminToken,
      List<Surface> claimedFirst) {
    this.time = time;
    this.faults = faults;
    this.credentials = credentials;
    this.rateLimits = rateLimits;
    this.requestLog = requestLog;
    this.routes = routes;
    this.gate = gate;
    this.rest = new RestSurface(urls);
    this.port = URI.create(urls.web()).getPort();
    this.adminAuthorization = ("Bearer " + adminToken).getBytes(StandardCharsets.US_ASCII);
    List<Surface> all = new ArrayList<>(claimedFirst);
    all.add(rest);
    // An array: asked on every request, and a list would hand out an iterator each time.
    this.surfaces = all.toArray(Surface[]::new);
  }

  @Override
  public void init() throws ServletException {
    for (Surface surface : surfaces) {
      surface.init(getServletContext());
    }
  }

  @Override
  public void destroy() {
    for (Surface surface : surfaces) {
      surface.destroy();
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!Loopback.isLoopbackHostHeader(request.getHeader("Host"), port)) {
      // DNS rebinding: a web page whose name now resolves to 127.0.0.1 sends its own name.
      refuseOutright(
          request,
          response,
          ApiException.of(
              421,
              "Misdirected Request: the emulator answers only requests for 127.0.0.1, localhost"
                  + " or [::1] on port "
                  + port
                  + "."));
      return;
    }
    Surface surface = surfaceOf(request);
    Route.Match route = null;
    if (surface == rest) {
      route = routes.match(request.getMethod(), request.getRequestURI()).orElse(null);
      if (route != null && route.route().access() == Access.ADMIN) {
        serveAdmin(route, request, response);
        return;
      }
    }
    serve(surface, route, request, response);
  }

  private Surface surfaceOf(HttpServletRequest request) {
    for (int i = 0; i < surfaces.length - 1; i++) {
      if (surfaces[i].claims(request)) {
        return surfaces[i];
      }
    }
    return rest;
  }

  private void serve(
      Surface surface, Route.Match route, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    faults.takeDelay().ifPresent(FrontDoor::pause);
    if (faults.takeReset()) {
      Connections.reset(request);
      return;
    }
    Exchange exchange =
        new Exchange(
            request,
            response,
            route,
            time.now(),
            RequestIds.next(),
            CredentialResolver.classify(request.getHeader("Authorization")),
            requestLog);
    ApiResponse answer;
    try {
      answer = admitAndAnswer(surface, exchange);
    } catch (ApiException refused) {
      answer = surface.refusal(exchange, refused);
    } catch (RuntimeException e) {
      if (exchange.isStreaming()) {
        throw e; // part of the answer may be out; the container ends it
      }
      log.warn("{} {} failed inside the emulator", request.getMethod(), request.getRequestURI(), e);
      answer =
          surface.refusal(
              exchange,
              ApiException.of(500, "Server Error").documentedAt(surface.documentationUrl()));
    } finally {
      if (exchange.isStreaming()) {
        exchange.log(response.getStatus());
      }
    }
    if (answer != ApiResponse.STREAMED) {
      exchange.log(answer.status());
      RequestBodies.closeAfterAnswer(request, response);
      surface.write(exchange, answer);
      RequestBodies.drainUnread(request);
    }
  }

  /** Steps 3 to 9: each throws {@link ApiException} to refuse. */
  private ApiResponse admitAndAnswer(Surface surface, Exchange exchange)
      throws IOException, ServletException {
    OptionalInt failure = faults.takeFailure();
    if (failure.isPresent()) {
      throw ApiException.of(failure.getAsInt(), "Server Error")
          .documentedAt(surface.documentationUrl());
    }
    surface.screen(exchange);
    Caller caller;
    try {
      caller = credentials.resolve(exchange.request().getHeader("Authorization"), exchange.now());
    } catch (ApiException refused) {
      exchange.refuseCredential();
      throw refused;
    }
    exchange.admit(caller);
    surface.admit(exchange);
    String resource = surface.budget(exchange);
    if (resource != null) {
      RateLimiter.Snapshot rate =
          rateLimits.consume(caller, exchange.request().getRemoteAddr(), resource, exchange.now());
      exchange.rate(rate);
      if (rate.exceeded()) {
        return surface.overBudget(exchange);
      }
    }
    Route.Match route = exchange.route();
    String accepted = null;
    if (surface == rest && route != null) {
      String template = route.route().pattern().substring(routes.restPrefix().length());
      try {
        accepted =
            gate.check(caller, route.route().method(), template, route.parameters()).orElse(null);
      } catch (PermissionGate.Refused refused) {
        return ApiException.of(403, refused.getMessage())
            .toResponse(route.route().documentationUrl())
            .header(ACCEPTED_PERMISSIONS, refused.accepted());
      }
    }
    if (accepted == null) {
      return surface.answer(exchange);
    }
    ApiResponse answer;
    try {
      answer = surface.answer(exchange);
    } catch (ApiException refused) {
      answer = surface.refusal(exchange, refused); // GitHub names the permissions on errors too
    }
    return answer == ApiResponse.STREAMED ? answer : answer.header(ACCEPTED_PERMISSIONS, accepted);
  }

  /**
   * The side entrance for the emulator's own API: the handler's answer with REST's headers, and its
   * own validation ({@link IllegalArgumentException}) as a 422 saying what to fix.
   */
  private void serveAdmin(
      Route.Match route, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Exchange exchange =
        new Exchange(
            request,
            response,
            route,
            time.now(),
            RequestIds.next(),
            CredentialKind.NONE,
            requestLog);
    String documentationUrl = route.route().documentationUrl();
    ApiResponse answer;
    try {
      checkAdminToken(request.getHeader("Authorization"));
      byte[] body = RequestBodies.read(request);
      answer =
          route
              .route()
              .handler()
              .handle(
                  new ApiRequest(exchange, new Caller.Anonymous(), body, rest.selfUrl(exchange)));
    } catch (ApiException e) {
      answer = e.toResponse(documentationUrl);
    } catch (IllegalArgumentException | IllegalStateException e) {
      answer = ApiException.of(422, e.getMessage()).toResponse(documentationUrl);
    }
    RequestBodies.closeAfterAnswer(request, response);
    JsonAnswer.write(
        exchange,
        answer,
        JsonAnswer.CONTENT_TYPE,
        RestSurface.MEDIA_TYPE,
        RestSurface.DEFAULT_VERSION);
    RequestBodies.drainUnread(request);
  }

  /**
   * The admin API hands out private keys: only a caller that knows this run's token may use it, so
   * neither another local user nor a cross-site request from a browser (which cannot send an {@code
   * Authorization} header without a CORS preflight the emulator never grants) can.
   */
  private void checkAdminToken(String authorization) {
    if (authorization == null
        || !MessageDigest.isEqual(
            authorization.trim().getBytes(StandardCharsets.US_ASCII), adminAuthorization)) {
      throw ApiException.of(
          401,
          "The emulator's admin API needs this run's admin token as 'Authorization: Bearer"
              + " <token>': emu.adminToken() in Java, printed by 'ghapp emulator' at start.");
    }
  }

  private void refuseOutright(
      HttpServletRequest request, HttpServletResponse response, ApiException refusal)
      throws IOException {
    Exchange exchange =
        new Exchange(
            request,
            response,
            null,
            time.now(),
            RequestIds.next(),
            CredentialKind.NONE,
            requestLog);
    JsonAnswer.write(
        exchange,
        refusal.toResponse(ApiException.REST_DOCS),
        JsonAnswer.CONTENT_TYPE,
        RestSurface.MEDIA_TYPE,
        RestSurface.DEFAULT_VERSION);
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
