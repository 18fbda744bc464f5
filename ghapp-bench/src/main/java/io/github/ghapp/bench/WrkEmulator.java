package io.github.ghapp.bench;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The emulator side of {@code ghapp-bench/emulator-vs-wiremock.sh}: an emulator with one app
 * installed on 60 organizations (one repository each, {@code metadata: read}), a token minted for
 * each installation, and what wrk and WireMock need written into {@code DIR}:
 *
 * <ul>
 *   <li>{@code requests.txt}: one {@code <path> <token>} line per installation, {@code
 *       /repos/org-NN/repo} and its installation's token, for wrk's Lua script to rotate;
 *   <li>{@code repo.json}: the emulator's own answer to {@code GET /repos/org-01/repo}, the body
 *       WireMock's stub serves;
 *   <li>{@code port}: written last, when everything is ready.
 * </ul>
 *
 * Requests are counted against each installation's hourly budget as always; so that a long run is
 * not answered 403 once 60 × 5,000 are spent, the emulator's clock moves on an hour every 5 s
 * (tokens are minted to live a year of that clock). Runs until killed.
 *
 * <pre>
 * java -cp ghapp-bench/target/benchmarks.jar io.github.ghapp.bench.WrkEmulator DIR [installations=60]
 * </pre>
 *
 * <p>This prints with {@code System.out}: it is a command-line program.
 */
public final class WrkEmulator {
  private WrkEmulator() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int installations = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    PrintStream out = System.out;
    StringBuilder state =
        new StringBuilder(
            "apps:\n  - {id: 1001, slug: bench-app, permissions: {metadata: read}}\naccounts:\n");
    for (int i = 1; i <= installations; i++) {
      state.append(
          String.format("  - {login: org-%02d, type: Organization, repositories: [repo]}%n", i));
    }
    state.append("installations:\n");
    for (int i = 1; i <= installations; i++) {
      state.append(
          String.format(
              "  - {id: %d, app: 1001, account: org-%02d, repository_selection: all}%n", i, i));
    }
    GitHubEmulator emu = GitHubEmulator.builder().stateYaml(state.toString()).build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(emu::stop, "stop the emulator"));
    emu.faults().tokenLifetime(Duration.ofDays(365));

    GitHubApp app =
        GitHubApp.builder()
            .appId(1001)
            .privateKey(emu.app(1001).privateKeyPem())
            .baseUrl(emu.baseUrl())
            .clock(emu.clock())
            .build();
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= installations; i++) {
      lines.add(String.format("/repos/org-%02d/repo %s", i, app.tokenProvider(i).token()));
    }
    Files.createDirectories(dir);
    Files.write(dir.resolve("requests.txt"), lines, StandardCharsets.US_ASCII);
    String first = lines.get(0);
    HttpResponse<String> repo =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(emu.baseUrl() + first.substring(0, first.indexOf(' '))))
                    .header("Authorization", "token " + first.substring(first.indexOf(' ') + 1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (repo.statusCode() != 200) {
      throw new IllegalStateException("GET /repos/org-01/repo answered " + repo.statusCode());
    }
    Files.writeString(dir.resolve("repo.json"), repo.body(), StandardCharsets.UTF_8);

    ScheduledExecutorService renew = Executors.newSingleThreadScheduledExecutor();
    renew.scheduleAtFixedRate(
        () -> emu.clock().advance(Duration.ofMinutes(61)), 5, 5, TimeUnit.SECONDS);
    Files.writeString(dir.resolve("port"), Integer.toString(emu.port()), StandardCharsets.US_ASCII);
    out.println("emulator ready on " + emu.baseUrl() + " with " + installations + " tokens");
    new CountDownLatch(1).await();
  }
}
