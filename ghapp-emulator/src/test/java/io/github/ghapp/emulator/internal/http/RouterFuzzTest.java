package io.github.ghapp.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Route matching never throws, whatever method and raw path a client sends, and a match is always
 * right: the same method, the same number of segments (or more, when the last placeholder takes the
 * rest of the path), every literal segment equal and every placeholder non-empty. The table is
 * GitHub's routes as the emulator registers them, with and without GHES's {@code /api/v3} root. An
 * input is the method, a line break, and the raw path.
 *
 * <p>Corpus: {@code
 * src/test/resources/io/github/ghapp/emulator/internal/http/RouterFuzzTestInputs/}.
 */
class RouterFuzzTest {
  private static final List<String> ROUTES =
      List.of(
          "POST /app/installations/{installation_id}/access_tokens",
          "GET /app/hook/config",
          "PATCH /app/hook/config",
          "GET /app",
          "GET /app/installations",
          "GET /app/installations/{installation_id}",
          "GET /repos/{owner}/{repo}/installation",
          "GET /orgs/{org}/installation",
          "GET /users/{username}/installation",
          "GET /installation/repositories",
          "DELETE /installation/token",
          "POST /repos/{owner}/{repo}/issues",
          "GET /repos/{owner}/{repo}/issues",
          "GET /repos/{owner}/{repo}/issues/{issue_number}",
          "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
          "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
          "GET /rate_limit",
          "GET /meta",
          "GET /repos/{owner}/{repo}",
          "GET /repos/{owner}/{repo}/contents/{path}",
          "PUT /repos/{owner}/{repo}/contents/{path}",
          "GET /repos/{owner}/{repo}/git/ref/{ref}",
          "GET /repos/{owner}/{repo}/commits/{ref}",
          "GET /repos/{owner}/{repo}/commits/{ref}/status");
  private static final Router GITHUB = table("");
  private static final Router GHES = table("/api/v3");

  @FuzzTest(maxDuration = "90s")
  void match_anyMethodAndPath_findsOnlyARouteThatFits(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    int newline = text.indexOf('\n');
    String method = newline < 0 ? "GET" : text.substring(0, newline);
    String path = newline < 0 ? text : text.substring(newline + 1);

    for (Router router : List.of(GITHUB, GHES)) {
      Optional<Route.Match> match = router.match(method, path);

      match.ifPresent(
          m -> {
            assertThat(m.route().method()).isEqualTo(method);
            List<String> pattern = Router.split(m.route().pattern());
            if (Router.TAKES_THE_REST.contains(pattern.get(pattern.size() - 1))) {
              assertThat(Router.split(path).size()).isGreaterThanOrEqualTo(pattern.size());
            } else {
              assertThat(Router.split(path)).hasSameSizeAs(pattern);
            }
            assertThat(m.parameters().values()).allSatisfy(v -> assertThat(v).isNotEmpty());
            long placeholders = pattern.stream().filter(s -> s.startsWith("{")).count();
            assertThat(m.parameters()).hasSize((int) placeholders);
          });
    }
  }

  private static Router table(String prefix) {
    Router router = new Router(prefix);
    for (String route : ROUTES) {
      String[] parts = route.split(" ");
      router.rest(parts[0], parts[1], Access.ANY, null, request -> null);
    }
    router.add(new Route("GET", "/_emulator/deliveries", Access.ANY, null, request -> null));
    router.add(
        new Route(
            "POST",
            "/_emulator/deliveries/{delivery_id}/attempts",
            Access.ANY,
            null,
            request -> null));
    return router;
  }
}
