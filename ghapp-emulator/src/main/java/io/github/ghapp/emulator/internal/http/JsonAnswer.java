package io.github.ghapp.emulator.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Writes a JSON answer of GitHub's API (REST, GraphQL, the admin API) with the headers every one of
 * them has, in this order: {@code Server}, {@code Date} from the emulator's clock, {@code
 * Content-Type}, {@code X-GitHub-Media-Type}, {@code X-GitHub-Api-Version-Selected} (REST), {@code
 * X-GitHub-Request-Id}, the {@code x-ratelimit-*} figures of a counted request, then the answer's
 * own headers and the body.
 */
public final class JsonAnswer {

  /** REST's content type, as GitHub writes it. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private JsonAnswer() {}

  /**
   * @param contentType exactly as it goes on the wire
   * @param mediaType the {@code X-GitHub-Media-Type}
   * @param versionSelected the {@code X-GitHub-Api-Version-Selected}; null for none (GraphQL)
   */
  public static void write(
      Exchange exchange,
      ApiResponse answer,
      String contentType,
      String mediaType,
      String versionSelected)
      throws IOException {
    HttpServletResponse response = exchange.response();
    response.setStatus(answer.status());
    response.setHeader("Server", "GitHub.com");
    response.setHeader("Date", HTTP_DATE.format(exchange.now()));
    setExactContentType(exchange.request(), response, contentType);
    response.setHeader("X-GitHub-Media-Type", mediaType);
    if (versionSelected != null) {
      response.setHeader("X-GitHub-Api-Version-Selected", versionSelected);
    }
    response.setHeader("X-GitHub-Request-Id", exchange.requestId());
    RateLimiter.Snapshot rate = exchange.rate();
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
      HttpServletRequest request, HttpServletResponse response, String contentType) {
    ServletContextRequest servletRequest = ServletContextRequest.getServletContextRequest(request);
    if (servletRequest != null) {
      servletRequest
          .getServletContextResponse()
          .getWrapped()
          .getHeaders()
          .put(HttpHeader.CONTENT_TYPE, contentType);
    } else {
      response.setContentType(contentType);
    }
  }
}
