package io.github.ghapp.emulator.internal.http;

import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.RecordedRequest;
import io.github.ghapp.emulator.internal.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;

/**
 * One request on its way through the {@link FrontDoor}: the emulator's time at arrival and the
 * request id, then what the door and the {@link Surface} learn as they check it (the credential
 * kind, the caller, the installation, the matched route, the rate-limit figures), which is what the
 * request log records and the common headers show. Served by one thread, so not synchronized.
 */
public final class Exchange {

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final Instant now;
  private final String requestId;
  private final RequestLog requestLog;
  private final Route.Match route;
  private CredentialKind credential;
  private Caller caller;
  private Long installationId;
  private RateLimiter.Snapshot rate;
  private boolean streaming;
  private boolean logged;

  Exchange(
      HttpServletRequest request,
      HttpServletResponse response,
      Route.Match route,
      Instant now,
      String requestId,
      CredentialKind presented,
      RequestLog requestLog) {
    this.request = request;
    this.response = response;
    this.route = route;
    this.now = now;
    this.requestId = requestId;
    this.credential = presented;
    this.requestLog = requestLog;
  }

  public HttpServletRequest request() {
    return request;
  }

  /**
   * The response, for writing a buffered answer; a surface that streams its answer takes {@link
   * #streamingResponse()} instead.
   */
  public HttpServletResponse response() {
    return response;
  }

  /** The REST route this request matched; null for an unknown path and for GraphQL and Git. */
  Route.Match route() {
    return route;
  }

  /** The emulator's time when the request was admitted: after an injected delay. */
  public Instant now() {
    return now;
  }

  /** The {@code X-GitHub-Request-Id} of the answer, and of its log entry. */
  public String requestId() {
    return requestId;
  }

  /**
   * What the {@code Authorization} header presented: at first as it looks, then as checked, and
   * {@link CredentialKind#INVALID} once refused.
   */
  public CredentialKind credential() {
    return credential;
  }

  /** Marks the credential refused ({@link CredentialKind#INVALID}) for the request log. */
  public void refuseCredential() {
    this.credential = CredentialKind.INVALID;
  }

  /** The checked caller; null while credentials are not checked yet, or when they were refused. */
  public Caller caller() {
    return caller;
  }

  void admit(Caller caller) {
    this.caller = caller;
    this.credential = caller.kind();
    if (caller instanceof Caller.InstallationCaller installation) {
      this.installationId = installation.installation().id();
    }
  }

  /** Records the installation this request acted on (minting, look-ups with a JWT), for the log. */
  public void noteInstallation(Long id) {
    this.installationId = id;
  }

  /** The bucket after this request was counted; null when it does not count. */
  RateLimiter.Snapshot rate() {
    return rate;
  }

  void rate(RateLimiter.Snapshot rate) {
    this.rate = rate;
  }

  /**
   * For a surface that streams its answer (Git's packs come from JGit as they are made): a response
   * that writes the log entry at the answer's first byte, when its status is settled, so that the
   * entry is still in the log before the answer leaves. The door writes it when the surface returns
   * at the latest.
   */
  public HttpServletResponse streamingResponse() {
    streaming = true;
    return new LoggedResponse(response, this);
  }

  boolean isStreaming() {
    return streaming;
  }

  /** Writes the request log entry with this status, unless it was written already. */
  void log(int status) {
    if (logged) {
      return;
    }
    logged = true;
    requestLog.add(
        new RecordedRequest(
            request.getMethod(),
            request.getRequestURI(),
            credential,
            installationId,
            status,
            now,
            requestId));
  }
}
