package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubAppBuilder;
import io.github.ghapp.auth.HttpTransport;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency a caller sees when it asks for a token while a refresh of that token is in flight.
 *
 * <p>Before each measured call, the set-up (not timed) makes the cached token due for refresh and
 * lets another thread, the first caller to notice, start the refresh; the emulator holds each
 * request of that refresh for {@link #REQUEST_LATENCY}, as a distant GitHub would. Once the
 * refresh's first request has left, the measured caller asks for the token:
 *
 * <ul>
 *   <li>ghapp: the token is made STALE by moving the clock ghapp and the emulator share forward
 *       {@link #STALE_AGE}: inside the refresh window, yet with 13 minutes of validity left, which
 *       is enough for the caller. The measured call returns that token at once, whether the refresh
 *       runs on a background executor ({@code refreshOn=background}) or on the thread of the caller
 *       that noticed it ({@code refreshOn=caller}; that one caller pays for the refresh, nobody
 *       else).
 *   <li>hub4j: its providers have no clock to inject, so their expiry is moved into the past
 *       ({@link Fixtures.Hub4j#expire()}), as after a real hour. The refresh holds the provider's
 *       monitor for its three requests, and the measured call waits on that monitor until the
 *       refresh is over.
 * </ul>
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar RefreshLatencyBenchmark
 * </pre>
 *
 * <p>Shows the distribution (percentiles, in microseconds) of the measured caller's latency. Goal:
 * ghapp's stays at the cost of a cached read, far below {@link #REQUEST_LATENCY}; hub4j's is about
 * the rest of its refresh. Each hub4j sample spends three requests of the app's 5,000-per-hour
 * budget on the emulator, so a fork can take about 1,600 samples; the default settings take a few
 * hundred.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RefreshLatencyBenchmark {
  /** GitHub's latency for each request of a refresh, injected by the emulator. */
  static final Duration REQUEST_LATENCY = Duration.ofMillis(20);

  /**
   * How far the shared clock moves before each ghapp sample: a token minted just before is then 47
   * minutes old, inside ghapp's refresh window (from 15 minutes, plus up to 1 minute of jitter,
   * before expiry) and outside its hard margin (5 minutes before expiry).
   */
  static final Duration STALE_AGE = Duration.ofMinutes(47);

  /** More validity than a STALE token has: asking for it waits for the refresh in flight. */
  private static final Duration NEW_TOKEN_VALIDITY = Duration.ofMinutes(50);

  private static final long START_TIMEOUT_SECONDS = 10;

  @State(Scope.Benchmark)
  public static class Ghapp {
    @Param({"background", "caller"})
    public String refreshOn;

    private GitHubEmulator emu;
    private TokenProvider tokens;

    /** Runs refreshes in the background; null when the caller that notices runs them. */
    private ExecutorService refresher;

    private ExecutorService firstCaller;
    private volatile CountDownLatch mintSent = new CountDownLatch(1);
    private Future<String> firstCall;

    @Setup(Level.Trial)
    public void start() {
      emu = Fixtures.startEmulator();
      HttpTransport http =
          HttpTransport.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
      // The refresh's one request is the mint: when it leaves, the refresh is in flight.
      GitHubAppBuilder builder =
          Fixtures.ghapp(emu)
              .clock(emu.clock())
              .transport(
                  request -> {
                    if (request.method().equals("POST")
                        && request.uri().getPath().endsWith("/access_tokens")) {
                      mintSent.countDown();
                    }
                    return http.send(request);
                  });
      firstCaller = Executors.newSingleThreadExecutor();
      if (refreshOn.equals("background")) {
        refresher = Executors.newSingleThreadExecutor();
        builder.refreshExecutor(refresher);
      } else if (!refreshOn.equals("caller")) {
        throw new IllegalArgumentException("refreshOn is background or caller, got " + refreshOn);
      }
      tokens = builder.build().tokenProvider(Fixtures.INSTALLATION_ID);
      tokens.token();
    }

    @Setup(Level.Invocation)
    public void startRefresh() throws InterruptedException {
      mintSent = new CountDownLatch(1);
      emu.faults().delayNext(1, REQUEST_LATENCY);
      emu.clock().advance(STALE_AGE);
      firstCall = firstCaller.submit(() -> tokens.token());
      awaitStart(mintSent);
    }

    @TearDown(Level.Invocation)
    public void awaitRefresh() throws Exception {
      firstCall.get();
      tokens.token(
          NEW_TOKEN_VALIDITY); // joins the refresh in flight, so the next sample starts from a new
      // token
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (refresher != null) {
        refresher.shutdownNow();
      }
      firstCaller.shutdownNow();
      emu.stop();
    }
  }

  @State(Scope.Benchmark)
  public static class Hub4j {
    private GitHubEmulator emu;
    private Fixtures.Hub4j hub4j;
    private ExecutorService firstCaller;
    private volatile CountDownLatch refreshStarted = new CountDownLatch(1);
    private Future<String> firstCall;

    @Setup(Level.Trial)
    public void start() {
      emu = Fixtures.startEmulator();
      // hub4j asks its JWT provider for each request of a refresh, under the installation
      // provider's monitor: the first ask means the refresh holds the monitor and its first request
      // is leaving.
      hub4j = Fixtures.hub4j(emu, jwt -> signalling(jwt));
      firstCaller = Executors.newSingleThreadExecutor();
      hub4j.authorization();
    }

    private AuthorizationProvider signalling(AuthorizationProvider jwt) {
      return () -> {
        String authorization = jwt.getEncodedAuthorization();
        refreshStarted.countDown();
        return authorization;
      };
    }

    @Setup(Level.Invocation)
    public void startRefresh() throws InterruptedException {
      refreshStarted = new CountDownLatch(1);
      emu.faults().delayNext(3, REQUEST_LATENCY);
      hub4j.expire();
      firstCall = firstCaller.submit(hub4j::authorization);
      awaitStart(refreshStarted);
    }

    @TearDown(Level.Invocation)
    public void awaitRefresh() throws Exception {
      firstCall.get();
    }

    @TearDown(Level.Trial)
    public void stop() {
      firstCaller.shutdownNow();
      emu.stop();
    }
  }

  @Benchmark
  public String ghapp(Ghapp state) {
    return state.tokens.token();
  }

  @Benchmark
  public String hub4j(Hub4j state) {
    return state.hub4j.authorization();
  }

  private static void awaitStart(CountDownLatch started) throws InterruptedException {
    if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no refresh started within " + START_TIMEOUT_SECONDS + " s");
    }
  }
}
