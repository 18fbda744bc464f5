package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubAppBuilder;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.micrometer.GitHubAppMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ghapp-micrometer adds to the hot path, {@link TokenProvider#token()} served FRESH from the
 * cache: the goal is at most about 10 ns more with meters on than with meters off.
 *
 * <pre>
 * java -jar ghapp-bench/target/benchmarks.jar TokenMetricsBenchmark
 * </pre>
 *
 * <p>{@code listener} is, side by side: {@code none}, the app's default listener (the JIT removes
 * its empty call); {@code off}, a {@code GitHubAppMetrics} never bound to a registry; {@code on},
 * one bound to a {@code SimpleMeterRegistry} (one pre-resolved counter increment per call); and
 * {@code onWithInstallations}, {@code withInstallationTags()} bound (a map look-up more). Each
 * value runs in its own fork with only its app built, so no fork's JIT sees another's listener.
 * Shows nanoseconds per call, on one thread and with one caller per core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TokenMetricsBenchmark {
  @Param({"none", "off", "on", "onWithInstallations"})
  public String listener;

  private GitHubEmulator emu;
  private TokenProvider tokens;

  @Setup(Level.Trial)
  public void start() {
    emu = Fixtures.startEmulator();
    GitHubAppBuilder app = Fixtures.ghapp(emu);
    switch (listener) {
      case "none" -> {}
      case "off" -> app.listener(new GitHubAppMetrics());
      case "on" -> app.listener(bound(new GitHubAppMetrics()));
      case "onWithInstallations" -> app.listener(bound(GitHubAppMetrics.withInstallationTags()));
      default -> throw new IllegalArgumentException("no listener " + listener);
    }
    tokens = app.build().tokenProvider(Fixtures.INSTALLATION_ID);
    tokens.token(); // minted now, so every measured call is served from the cache
  }

  private static GitHubAppMetrics bound(GitHubAppMetrics metrics) {
    metrics.bindTo(new SimpleMeterRegistry());
    return metrics;
  }

  @TearDown(Level.Trial)
  public void stop() {
    emu.stop();
  }

  @Benchmark
  @Threads(1)
  public String fresh_singleThread() {
    return tokens.token();
  }

  @Benchmark
  @Threads(Threads.MAX)
  public String fresh_allThreads() {
    return tokens.token();
  }
}
