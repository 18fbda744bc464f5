package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How much the emulator serves: token-authenticated requests per second ({@code GET
 * /installation/repositories} with an installation token) and mints per second ({@code POST
 * /app/installations/42/access_tokens} with the app's JWT). Requests go through the JDK's {@link
 * HttpClient} over HTTP/1.1 with keep-alive; the token and the JWT come from ghapp's caches, which
 * cost nanoseconds (see {@link TokenProviderBenchmark}), so the score is the emulator's and the
 * socket's.
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar EmulatorBenchmark
 * </pre>
 *
 * <p>Shows operations per second with four client threads (more than cores, since each thread
 * mostly waits for its answer); change with {@code -t}. Client and emulator share the machine's
 * cores.
 *
 * <p>The emulator enforces GitHub's hourly rate limits (5,000 requests per installation, and per
 * app for JWT calls), which these benchmarks spend in about a second. When an answer says fewer
 * than {@link #RESERVE} are left, the clock that ghapp and the emulator share is moved on an hour:
 * a new rate-limit window opens, and the token and JWT in use expire with it, so ghapp mints one
 * token (or signs one JWT) per 5,000 requests. A request still in flight with the old credential
 * gets 401 and is sent again, counted as one operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
@State(Scope.Benchmark)
public class EmulatorBenchmark {
  /**
   * Renew the budget when fewer requests than this are left: more than the threads that may be in
   * flight.
   */
  static final int RESERVE = 64;

  private static final Duration ONE_WINDOW = Duration.ofMinutes(61);
  private static final int ATTEMPTS = 3;

  private GitHubEmulator emu;
  private GitHubApp app;
  private TokenProvider tokens;
  private HttpClient http;
  private URI repositories;
  private URI accessTokens;
  private final Object budgetLock = new Object();

  /** The {@code x-ratelimit-reset} of the last window renewed; guarded by {@link #budgetLock}. */
  private long renewedWindow;

  @Setup(Level.Trial)
  public void start() {
    emu = Fixtures.startEmulator();
    app = Fixtures.ghapp(emu).clock(emu.clock()).build();
    tokens = app.tokenProvider(Fixtures.INSTALLATION_ID);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    repositories = URI.create(emu.baseUrl() + "/installation/repositories");
    accessTokens =
        URI.create(
            emu.baseUrl() + "/app/installations/" + Fixtures.INSTALLATION_ID + "/access_tokens");
  }

  @TearDown(Level.Trial)
  public void stop() {
    emu.stop();
  }

  @Benchmark
  public int tokenRequest() throws IOException, InterruptedException {
    return send(() -> request(repositories, "Bearer " + tokens.token()).GET().build(), 200);
  }

  @Benchmark
  public int mint() throws IOException, InterruptedException {
    return send(
        () ->
            request(accessTokens, "Bearer " + app.jwt())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
        201);
  }

  private static HttpRequest.Builder request(URI uri, String authorization) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", authorization)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28");
  }

  /**
   * Sends until the expected answer, renewing the rate-limit budget as it runs out; the body's
   * length.
   */
  private int send(Supplier<HttpRequest> request, int expected)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      HttpRequest sent = request.get();
      HttpResponse<byte[]> response = http.send(sent, HttpResponse.BodyHandlers.ofByteArray());
      int status = response.statusCode();
      renewBudgetIfLow(response);
      if (status == expected) {
        return response.body().length;
      }
      // 401: a credential from before the last renewal; 403/429: the budget ran out under another
      // thread.
      boolean retriable = status == 401 || status == 403 || status == 429;
      if (!retriable || attempt == ATTEMPTS) {
        throw new IllegalStateException(
            sent.method()
                + " "
                + sent.uri().getPath()
                + " answered "
                + status
                + " after "
                + attempt
                + " attempts: "
                + new String(response.body()));
      }
    }
  }

  private void renewBudgetIfLow(HttpResponse<?> response) {
    long remaining =
        response.headers().firstValueAsLong("x-ratelimit-remaining").orElse(Long.MAX_VALUE);
    long reset = response.headers().firstValueAsLong("x-ratelimit-reset").orElse(0);
    if (remaining >= RESERVE) {
      return;
    }
    synchronized (budgetLock) {
      if (reset > renewedWindow) {
        renewedWindow = reset;
        emu.clock().advance(ONE_WINDOW);
      }
    }
  }
}
