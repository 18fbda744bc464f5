package io.github.ghapp.bench;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.hub4j.GhappAuthorizationProvider;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * What a hub4j client pays per request for its {@code Authorization} header: ghapp-hub4j's {@link
 * GhappAuthorizationProvider} (ghapp's cached token, the header string reused while the token is
 * the same) beside hub4j's own {@code AppInstallationAuthorizationProvider} with its {@code
 * JWTTokenProvider} (an expiry check and a {@code String.format} inside {@code synchronized}). Both
 * hold a token minted once by the emulator in set-up; no request is sent while measuring.
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar Hub4jAdapterBenchmark
 * </pre>
 *
 * <p>Operations per microsecond summed over the threads, one caller ({@code singleThread_*}) and
 * one per core ({@code allThreads_*}); divide the adapter's score by hub4j's on the same line of
 * threads for the ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Hub4jAdapterBenchmark {
  private GitHubEmulator emu;
  private GhappAuthorizationProvider adapter;
  private Fixtures.Hub4j hub4j;

  @Setup(Level.Trial)
  public void start() throws IOException {
    emu = Fixtures.startEmulator();
    adapter =
        GhappAuthorizationProvider.of(
            Fixtures.ghapp(emu).build().tokenProvider(Fixtures.INSTALLATION_ID));
    hub4j = Fixtures.hub4j(emu);
    // Mint both tokens now, so that every measured call is served from the cache.
    adapter.getEncodedAuthorization();
    hub4j.authorization();
  }

  @TearDown(Level.Trial)
  public void stop() {
    emu.stop();
  }

  @Benchmark
  @Threads(1)
  public String singleThread_ghappHub4jAdapter() throws IOException {
    return adapter.getEncodedAuthorization();
  }

  @Benchmark
  @Threads(1)
  public String singleThread_hub4jOwnProvider() {
    return hub4j.authorization();
  }

  @Benchmark
  @Threads(Threads.MAX)
  public String allThreads_ghappHub4jAdapter() throws IOException {
    return adapter.getEncodedAuthorization();
  }

  @Benchmark
  @Threads(Threads.MAX)
  public String allThreads_hub4jOwnProvider() {
    return hub4j.authorization();
  }
}
