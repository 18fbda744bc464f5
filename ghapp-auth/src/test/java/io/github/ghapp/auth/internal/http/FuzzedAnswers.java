package io.github.ghapp.auth.internal.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;
import org.slf4j.LoggerFactory;

/**
 * A fuzz input read as one HTTP answer, written the way a corpus file is easiest to read and edit:
 * the status on the first line, then {@code Name: value} header lines, a blank line, and the body.
 * Whatever does not fit that shape is still an answer (status 200, the rest as headers or body).
 */
record FuzzedAnswers(int status, HttpHeaders headers, byte[] body) {

  static FuzzedAnswers parse(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\n\n");
    String head = end < 0 ? text : text.substring(0, end);
    byte[] body = new byte[0];
    if (end >= 0) {
      byte[] rest = new byte[input.length - end - 2];
      System.arraycopy(input, end + 2, rest, 0, rest.length);
      body = rest;
    }
    String[] lines = head.split("\n", -1);
    int status = 200;
    try {
      status = Math.max(200, Math.min(599, Integer.parseInt(lines[0].strip())));
    } catch (NumberFormatException e) {
      // not a status line: an answer of 200
    }
    // HttpHeaders refuses names that differ only in case; the JDK client merges them so.
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = colon < 0 ? "" : lines[i].substring(0, colon).trim();
      if (!name.isEmpty()) { // HttpHeaders trims names and refuses empty ones
        map.computeIfAbsent(name, k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
    }
    return new FuzzedAnswers(status, HttpHeaders.of(map, (a, b) -> true), body);
  }

  /** The answer as the JDK client would hand it over for {@code request}. */
  HttpResponse<byte[]> answer(HttpRequest request) {
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public HttpRequest request() {
        return request;
      }

      @Override
      public Optional<HttpResponse<byte[]>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public byte[] body() {
        return body.clone();
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        return request.uri();
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }

  /**
   * Quietens ghapp's DEBUG lines (logback-test.xml turns them on for NoSecretsLeakTest) while
   * fuzzing, where they would cost most of the time; returns the level to put back.
   */
  static Level quieten() {
    Logger ghapp = (Logger) LoggerFactory.getLogger("io.github.ghapp");
    Level before = ghapp.getLevel();
    ghapp.setLevel(Level.WARN);
    return before;
  }

  static void restore(Level level) {
    ((Logger) LoggerFactory.getLogger("io.github.ghapp")).setLevel(level);
  }

  /** Thrown by the transport once an operation has had its share of answers. */
  static IOException exhausted() {
    return new IOException("the fuzz input has no more answers");
  }
}
