package io.github.ghapp.emulator.internal.http;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * One of the ways GitHub is reached (REST, GraphQL, Git over HTTP): only what that surface does
 * differently. The {@link FrontDoor} runs every request through the same steps and calls these at
 * their places; a method throws {@link ApiException} for a refusal, which {@link #refusal} words as
 * this surface does.
 */
public interface Surface {

  /**
   * Whether the request is this surface's; the door asks Git, then GraphQL; REST takes the rest.
   */
  boolean claims(HttpServletRequest request);

  /** Where this surface's generic errors (an injected 5xx, an emulator bug) point. */
  String documentationUrl();

  /** Checks made before credentials are looked at: REST's API version, GraphQL's POST only. */
  default void screen(Exchange exchange) {}

  /**
   * Whether the checked caller ({@link Exchange#caller()}) may use this surface and endpoint at
   * all: REST's route and its credential kind, GraphQL's installation tokens only, Git's repository
   * access.
   */
  void admit(Exchange exchange);

  /** The rate-limit resource the request spends ({@code core}, {@code graphql}), or null. */
  String budget(Exchange exchange);

  /** The answer when that budget is spent ({@link Exchange#rate()}); REST throws its 403/429. */
  ApiResponse overBudget(Exchange exchange);

  /**
   * The answer. A surface that streams it writes it itself through {@link
   * Exchange#streamingResponse()} and returns {@link ApiResponse#STREAMED}.
   */
  ApiResponse answer(Exchange exchange) throws IOException, ServletException;

  /** A refusal, as this surface words it (REST and GraphQL in JSON, Git in plain text). */
  ApiResponse refusal(Exchange exchange, ApiException refused);

  /** Writes a buffered answer; its log entry is written already. */
  void write(Exchange exchange, ApiResponse answer) throws IOException;

  /** Called when the server starts, for a surface that brings its own servlet machinery (JGit). */
  default void init(ServletContext context) throws ServletException {}

  default void destroy() {}
}
