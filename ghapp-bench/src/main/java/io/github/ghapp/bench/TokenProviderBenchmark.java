package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
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
 * The hot path: asking for the cached installation token, as every API call does. ghapp's {@link
 * TokenProvider#token()} reads a volatile snapshot and compares it with the clock, taking no lock;
 * hub4j's {@code AppInstallationAuthorizationProvider.getEncodedAuthorization()} does the same
 * check inside {@code synchronized (this)}, so under load its callers queue for one monitor. Both
 * hold a token minted once by the emulator in set-up; no request is sent while measuring.
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar TokenProviderBenchmark
 * </pre>
 *
 * <p>Shows operations per microsecond, summed over the threads: {@code singleThread_*} with one
 * caller, {@code allThreads_*} with one caller per core ({@code Threads.MAX}). Divide ghapp's score
 * by hub4j's on the same line of threads for the ratio; the goal is at least 10 with all threads.
 * {@code singleThread_wallClockOnly} is the floor: both read the wall clock on every call, so on
 * one thread neither can beat it. With more threads ghapp's score grows with the cores while
 * hub4j's stays that of one monitor, so the ratio grows with the machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TokenProviderBenchmark {
  private GitHubEmulator emu;
  private TokenProvider ghapp;
  private GitHubApp app;
  private Fixtures.Hub4j hub4j;

  @Setup(Level.Trial)
  public void start() {
    emu = Fixtures.startEmulator();
    app = Fixtures.ghapp(emu).build();
    ghapp = app.tokenProvider(Fixtures.INSTALLATION_ID);
    hub4j = Fixtures.hub4j(emu);
    // Mint both tokens now, so that every measured call is served from the cache.
    ghapp.token();
    hub4j.authorization();
  }

  @TearDown(Level.Trial)
  public void stop() {
    emu.stop();
  }

  @Benchmark
  @Threads(1)
  public String singleThread_ghapp() {
    return ghapp.token();
  }

  /** As users write it per event: {@code app.tokenProvider(id).token()}, the provider looked up. */
  @Benchmark
  @Threads(1)
  public String singleThread_ghappLookedUpPerCall() {
    return app.tokenProvider(Fixtures.INSTALLATION_ID).token();
  }

  @Benchmark
  @Threads(1)
  public String singleThread_hub4j() {
    return hub4j.authorization();
  }

  /**
   * The floor under both: reading the wall clock, which each of them does on every call to judge
   * expiry. One thread only, since the clock scales with cores.
   */
  @Benchmark
  @Threads(1)
  public long singleThread_wallClockOnly() {
    return System.currentTimeMillis();
  }

  @Benchmark
  @Threads(Threads.MAX)
  public String allThreads_ghapp() {
    return ghapp.token();
  }

  @Benchmark
  @Threads(Threads.MAX)
  public String allThreads_hub4j() {
    return hub4j.authorization();
  }
}
