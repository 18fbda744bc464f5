package io.github.ghapp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long a new app takes to hand out its first installation token (sign a JWT, one {@code POST
 * .../access_tokens} over loopback), ghapp beside Octokit's {@code createAppAuth}, measured the
 * same way against the same emulator. A service meets this path whenever it builds an app per
 * tenant, per job or per test; the figure used to be 4-7 ms above Octokit's because every new
 * {@code GitHubApp} built its own JDK {@code HttpClient} (security review, defect 16).
 *
 * <p>Not JMH, because the peer runs in Node: each side warms up in its own runtime, then times each
 * of its runs with a monotonic clock, and this prints the percentiles of both. Three ways are
 * measured: ghapp with a new {@code GitHubApp} per token, ghapp minting on one held app ({@code
 * createToken}, the floor: a request on a connection already open), and Octokit with a new {@code
 * createAppAuth} per token (its requests share Node's global connection pool, as ghapp's new apps
 * now share one default client).
 *
 * <pre>
 * npm ci --prefix ghapp-bench/peers/octokit        # once: Octokit's side
 * java -cp ghapp-bench/target/benchmarks.jar io.github.ghapp.bench.FirstMintPeers [runs, default 1000]
 * </pre>
 *
 * <p>Run it from the project's root (it finds the peer in {@code ghapp-bench/peers/octokit}, or
 * where {@code -Dbench.octokit=DIR} says). This prints with {@code System.out}: it is a
 * command-line program whose output is the result.
 */
public final class FirstMintPeers {
  private static final int WARMUP = 300;

  /** The emulator's hourly budget of JWT requests per app is 5,000; three ways must fit in it. */
  private static final int MAX_RUNS = 1_300;

  private FirstMintPeers() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    if (runs < 10 || runs > MAX_RUNS) {
      throw new IllegalArgumentException(
          "runs must be between 10 and " + MAX_RUNS + " (the app's hourly budget), got " + runs);
    }
    Path peer = Path.of(System.getProperty("bench.octokit", "ghapp-bench/peers/octokit"));
    if (!Files.isDirectory(peer.resolve("node_modules/@octokit/auth-app"))) {
      throw new IllegalStateException(
          "Octokit is not installed in " + peer + ": run npm ci --prefix " + peer + " first");
    }
    PrintStream out = System.out;
    try (GitHubEmulator emu = Fixtures.startEmulator()) {
      out.printf(
          "%-44s %6s %9s %9s %9s %9s%n",
          "first token of", "runs", "p50 ms", "p90 ms", "p99 ms", "mean ms");
      print(out, "ghapp, a new GitHubApp per token", time(runs, () -> newApp(emu)));
      GitHubApp held = Fixtures.ghapp(emu).build();
      print(
          out,
          "ghapp, one held app (createToken)",
          time(runs, () -> held.createToken(Fixtures.INSTALLATION_ID)));
      print(out, "Octokit, a new createAppAuth per token", octokit(emu, peer, runs));
    }
  }

  private static void newApp(GitHubEmulator emu) {
    GitHubApp app = Fixtures.ghapp(emu).build();
    if (app.tokenProvider(Fixtures.INSTALLATION_ID).token().isEmpty()) {
      throw new IllegalStateException("ghapp handed out an empty token");
    }
  }

  private static double[] time(int runs, Runnable firstMint) {
    for (int i = 0; i < WARMUP; i++) {
      firstMint.run();
    }
    double[] micros = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      firstMint.run();
      micros[i] = (System.nanoTime() - start) / 1_000.0;
    }
    return micros;
  }

  private static double[] octokit(GitHubEmulator emu, Path peer, int runs) throws Exception {
    Path key = Files.createTempFile("first-mint", ".pem");
    try {
      Files.writeString(key, emu.app(Fixtures.APP_ID).privateKeyPem());
      ProcessBuilder node = new ProcessBuilder("node", peer.resolve("first-mint.mjs").toString());
      node.environment().put("BENCH_BASE_URL", emu.baseUrl().toString());
      node.environment().put("BENCH_APP_ID", Long.toString(Fixtures.APP_ID));
      node.environment().put("BENCH_INSTALLATION_ID", Long.toString(Fixtures.INSTALLATION_ID));
      node.environment().put("BENCH_PRIVATE_KEY_FILE", key.toString());
      node.environment().put("BENCH_WARMUP", Integer.toString(WARMUP));
      node.environment().put("BENCH_RUNS", Integer.toString(runs));
      node.redirectError(ProcessBuilder.Redirect.INHERIT);
      Process process = node.start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("the Octokit peer failed; its errors are above");
      }
      JsonNode micros =
          new ObjectMapper().readTree(new String(output, StandardCharsets.UTF_8)).get("micros");
      List<Double> values = new ArrayList<>();
      micros.forEach(m -> values.add(m.asDouble()));
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    } finally {
      deleteQuietly(key);
    }
  }

  private static void print(PrintStream out, String what, double[] micros) {
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    out.printf(
        "%-44s %6d %9.2f %9.2f %9.2f %9.2f%n",
        what,
        sorted.length,
        percentile(sorted, 0.50) / 1000,
        percentile(sorted, 0.90) / 1000,
        percentile(sorted, 0.99) / 1000,
        Arrays.stream(sorted).average().orElse(0) / 1000);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary key of the emulator's demo app; nothing to clean up beyond it.
    }
  }
}
