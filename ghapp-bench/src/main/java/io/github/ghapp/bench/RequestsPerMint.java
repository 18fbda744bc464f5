package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts the HTTP requests GitHub (the emulator) sees for each new installation token, ghapp beside
 * hub4j's {@code AppInstallationAuthorizationProvider}. Not a timing: every request of a refresh is
 * a round trip to GitHub, so this count multiplies the latency of every refresh, and each request
 * spends the app's rate limit.
 *
 * <p>Run after building the benchmarks jar (see the module's README):
 *
 * <pre>
 * java -cp ghapp-bench/target/benchmarks.jar io.github.ghapp.bench.RequestsPerMint [mints, default 20]
 * </pre>
 *
 * <p>It prints, for each way of getting a new token, the requests per token and which requests they
 * were. Expected: ghapp 1 ({@code POST /app/installations/42/access_tokens}), whether minted
 * directly or by a token provider refreshing; ghapp with the installation looked up by repository
 * first, 2; hub4j 3 ({@code GET /app}, {@code GET /app/installations/42}, then the {@code POST}),
 * because its provider looks the app and the installation up again on every refresh.
 *
 * <p>This prints with {@code System.out}: it is a command-line program whose output is the result.
 */
public final class RequestsPerMint {
  private RequestsPerMint() {}

  public static void main(String[] args) {
    int mints = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    if (mints < 1) {
      throw new IllegalArgumentException("the number of mints must be at least 1, got " + mints);
    }
    PrintStream out = System.out;
    try (GitHubEmulator emu = Fixtures.startEmulator()) {
      GitHubApp app = Fixtures.ghapp(emu).build();
      Fixtures.Hub4j hub4j = Fixtures.hub4j(emu);
      out.printf(
          "%-52s %6s %9s %9s  %s%n",
          "new installation token via", "tokens", "requests", "per token", "requests seen");

      report(
          out,
          emu,
          "ghapp app.createToken(42)",
          mints,
          () -> app.createToken(Fixtures.INSTALLATION_ID));

      TokenProvider tokens = app.tokenProvider(Fixtures.INSTALLATION_ID);
      report(
          out,
          emu,
          "ghapp tokenProvider(42).token(), after invalidate()",
          mints,
          () -> {
            tokens.invalidate();
            tokens.token();
          });

      report(
          out,
          emu,
          "ghapp forRepository(octo-org, hello-world) + mint",
          mints,
          () -> app.createToken(app.installations().forRepository("octo-org", "hello-world").id()));

      report(
          out,
          emu,
          "hub4j AppInstallationAuthorizationProvider refresh",
          mints,
          () -> {
            hub4j.expire();
            hub4j.authorization();
          });
    }
  }

  private static void report(
      PrintStream out, GitHubEmulator emu, String what, int mints, Runnable mint) {
    emu.clearRequests();
    for (int i = 0; i < mints; i++) {
      mint.run();
    }
    List<RecordedRequest> seen = emu.requests();
    long minted = seen.stream().filter(RecordedRequest::isMint).count();
    if (minted != mints) {
      throw new IllegalStateException(
          what
              + ": expected "
              + mints
              + " mints, the emulator saw "
              + minted
              + "; requests: "
              + describe(seen));
    }
    out.printf(
        "%-52s %6d %9d %9.2f  %s%n",
        what, mints, seen.size(), (double) seen.size() / mints, describe(seen));
  }

  /** "GET /app x20, POST /app/installations/42/access_tokens x20", with each answer's status. */
  private static String describe(List<RecordedRequest> requests) {
    Map<String, Long> counts =
        requests.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.method() + " " + r.path() + " " + r.status(),
                    TreeMap::new,
                    Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " x" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
