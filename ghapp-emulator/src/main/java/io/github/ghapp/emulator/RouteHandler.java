package io.github.ghapp.emulator;

/**
 * The logic of a route a test adds with {@link GitHubEmulator.Builder#route}: it sees a request the
 * emulator has already authenticated, rate-counted and passed through GitHub's permission gate, and
 * answers it. Called on the emulator's server threads, possibly for several requests at once.
 *
 * <pre>{@code
 * RouteHandler listPulls = request -> RouteResponse.ok(List.of(Map.of("number", 1)));
 * }</pre>
 *
 * A handler that throws is answered {@code 500 Server Error} (and logged), as a failing GitHub
 * would be.
 */
@FunctionalInterface
public interface RouteHandler {
  RouteResponse handle(RouteRequest request);
}
