package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ghapp exec} as a process with the real {@code git} under it: Git's helper renews the token
 * once the emulator's clock passed its hour, no process holds the token in its arguments, and a
 * stop signal reaches COMMAND. The child and the test meet at named pipes, never by sleeping.
 */
class ExecProcessTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @TempDir Path home;
  GitHubEmulator emulator;
  Path key;
  Path ready;
  Path go;

  @BeforeEach
  void setUp() throws Exception {
    emulator = github.emulator();
    key = home.resolve("octo-app.pem");
    Files.writeString(key, emulator.app(1001).privateKeyPem());
    ready = fifo("ready.fifo");
    go = fifo("go.fifo");
  }

  @Test
  void exec_gitClonesAndPushes_fetchesAgainPastTheTokensHour_andNoProcessShowsTheToken()
      throws Exception {
    String script =
        "set -e\n"
            + "git clone -q \"$REPO_URL\" work\n"
            + "cd work\n"
            + "git config user.name tester\n"
            + "git config user.email tester@example.com\n"
            + "echo change > change.txt\n"
            + "git add change.txt\n"
            + "git commit -q -m change\n"
            + "git push -q origin HEAD:main\n"
            + "printf %s \"$GH_TOKEN\" > ../token\n"
            + "echo ready > ../ready.fifo\n"
            + "read offset < ../go.fifo\n"
            + "GHAPP_CLOCK_OFFSET=$offset git fetch -q origin\n"
            + "exit 7\n";
    Process ghapp = exec(script, "--owner", "octocat");
    awaitReady(ghapp);

    String token = Files.readString(home.resolve("token"));
    assertThat(token).startsWith("ghs_");
    List<ProcessHandle> all = new ArrayList<>(List.of(ghapp.toHandle()));
    ghapp.toHandle().descendants().forEach(all::add);
    assertThat(all).hasSizeGreaterThanOrEqualTo(2);
    for (ProcessHandle process : all) {
      assertThat(proc(process, "cmdline"))
          .as("arguments of %s", process.pid())
          .doesNotContain(token);
    }
    assertThat(proc(ghapp.toHandle(), "environ")).as("ghapp's environment").doesNotContain(token);
    assertThat(proc(all.get(1), "environ")).as("COMMAND's environment").contains(token);
    assertThat(Cli.mints(emulator)).as("Git used COMMAND's token, from the cache").isEqualTo(1);
    assertThat(emulator.requests())
        .anySatisfy(
            r -> {
              assertThat(r.path()).endsWith("/git-receive-pack");
              assertThat(r.status()).isEqualTo(200);
            });

    emulator.clock().advance(Duration.ofMinutes(61));
    assertThat(status(token)).as("the first token has expired").isEqualTo(401);
    Files.writeString(go, "61m\n");

    assertThat(ghapp.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(ghapp.exitValue()).as(output()).isEqualTo(7);
    assertThat(Cli.mints(emulator)).as("the fetch got a fresh token").isEqualTo(2);
  }

  @Test
  void exec_sigtermToGhapp_reachesCommandAndGhappExitsWithItsCode() throws Exception {
    String script =
        "trap 'kill $sleeper 2>/dev/null; exit 5' TERM\n"
            + "sleep 300 & sleeper=$!\n"
            + "echo ready > ready.fifo\n"
            + "wait $sleeper\n";
    Process ghapp = exec(script, "--owner", "octocat");
    awaitReady(ghapp);
    List<ProcessHandle> children = ghapp.toHandle().descendants().toList();

    ghapp.destroy(); // SIGTERM

    assertThat(ghapp.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(ghapp.exitValue()).as(output()).isEqualTo(5);
    assertThat(children).isNotEmpty();
    for (ProcessHandle child : children) {
      child.onExit().get(1, TimeUnit.MINUTES); // COMMAND's trap ended its own child too
    }
  }

  private Process exec(String script, String... options) throws IOException {
    List<String> command =
        new ArrayList<>(
            Processes.concat(
                Processes.ghappCommand(),
                "exec",
                "--base-url",
                emulator.baseUrl().toString(),
                "--client-id",
                "Iv23liDemo",
                "--private-key",
                key.toString()));
    command.addAll(List.of(options));
    command.addAll(List.of("--", "sh", "-c", script));
    ProcessBuilder process = new ProcessBuilder(command).directory(home.toFile());
    Map<String, String> env = Processes.isolated(process, home);
    env.put("REPO_URL", emulator.gitUrl("octocat", "spoon-knife").toString());
    process.redirectErrorStream(true).redirectOutput(home.resolve("output").toFile());
    return process.start();
  }

  /** Waits until COMMAND writes to the ready pipe; fails with the output if ghapp ends first. */
  private void awaitReady(Process ghapp) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readString(ready);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    CompletableFuture.anyOf(line, ghapp.onExit()).get(2, TimeUnit.MINUTES);
    if (!line.isDone()) {
      Files.writeString(ready, ""); // releases the reader
      throw new AssertionError("ghapp ended before COMMAND was ready: " + output());
    }
  }

  private String output() {
    try {
      return Files.readString(home.resolve("output"));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private Path fifo(String name) throws Exception {
    Path path = home.resolve(name);
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    return path;
  }

  private static String proc(ProcessHandle process, String file) throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), file));
    return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ');
  }

  private int status(String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/installation/repositories"))
            .header("Authorization", "Bearer " + token)
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
