package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorCommandTest {
  private static final Pattern EXPORT =
      Pattern.compile(
          "export GHAPP_BASE_URL=(\\S+) GHAPP_CLIENT_ID=(\\S+) GHAPP_PRIVATE_KEY=(\\S+)");

  private static final Pattern TRUST =
      Pattern.compile(
          "export GIT_SSL_CAINFO=(\\S+) NODE_EXTRA_CA_CERTS=\\1 SSL_CERT_FILE=\\1"
              + " CURL_CA_BUNDLE=\\1 REQUESTS_CA_BUNDLE=\\1\n"
              + "  java -Djavax.net.ssl.trustStore=(\\S+) -Djavax.net.ssl.trustStoreType=PKCS12"
              + " -Djavax.net.ssl.trustStorePassword=(\\S+) ");

  @TempDir Path home;

  @Test
  void emulator_printsWhatToUseAndServesUntilShutDown() throws Exception {
    Cli server = Cli.in(home);
    Cli.Running running = server.start("emulator");
    Matcher printed = awaitExportLine(running);
    Path key = Path.of(printed.group(3));

    Cli user =
        Cli.in(home)
            .env("GHAPP_BASE_URL", printed.group(1))
            .env("GHAPP_CLIENT_ID", printed.group(2))
            .env("GHAPP_PRIVATE_KEY", key.toString());
    Cli.Result installations = user.run("installations");

    assertThat(installations.exitCode()).as(installations.err()).isZero();
    assertThat(installations.out()).contains("octo-org", "octocat");
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    server.shutDown();
    Cli.Result result = running.result().get();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("app 1001  octo-app, client ID Iv23liDemo, key " + key)
        .endsWith("ghapp emulator: stopped.\n");
    assertThat(key).as("a temporary key is deleted with the emulator").doesNotExist();
    int port = Integer.parseInt(printed.group(1).replaceAll(".*:", ""));
    assertThat(isListening(port)).isFalse();
  }

  @Test
  void emulator_withGhesAndAStateFileAndADataDirectory_servesThemAndKeepsTheKey() throws Exception {
    Path state = home.resolve("state.yaml");
    Files.writeString(
        state,
        "apps: [{id: 7, client_id: Iv23liSeven, slug: seven}]\n"
            + "accounts: [{login: acme, type: Organization, repositories: [widgets]}]\n"
            + "installations: [{id: 70, app: 7, account: acme, repository_selection: all}]\n");
    Path data = home.resolve("data");
    Cli server = Cli.in(home);
    Cli.Running running =
        server.start(
            "emulator", "--ghes", "--state", state.toString(), "--data-dir", data.toString());
    Matcher printed = awaitExportLine(running);

    assertThat(printed.group(1)).endsWith("/api/v3");
    assertThat(printed.group(2)).isEqualTo("Iv23liSeven");
    Cli.Result token =
        Cli.in(home)
            .env("GHAPP_BASE_URL", printed.group(1))
            .env("GHAPP_APP_ID", "7")
            .env("GHAPP_PRIVATE_KEY", printed.group(3))
            .run("token", "--repo", "acme/widgets");
    assertThat(token.exitCode()).as(token.err()).isZero();

    server.shutDown();
    assertThat(running.result().get().exitCode()).isZero();
    assertThat(data.resolve("keys/seven.pem")).exists();
  }

  @Test
  void emulator_inItsOwnProcess_stopsCleanlyOnSigterm() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(Processes.concat(Processes.ghappCommand(), "emulator", "--port", "0"))
            .redirectErrorStream(true);
    Processes.isolated(builder, home);
    Process process = builder.start();
    try {
      StringBuffer output = new StringBuffer();
      Thread reader = new Thread(() -> copyLines(process, output), "emulator output");
      reader.start();
      Matcher printed = EXPORT.matcher("");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                assertThat(process.isAlive()).as("the emulator stopped early: %s", output).isTrue();
                return printed.reset(output).find();
              });
      int port = Integer.parseInt(printed.group(1).replaceAll(".*:", ""));
      Path key = Path.of(printed.group(3));
      assertThat(output).contains("  app 1001  octo-app, client ID Iv23liDemo, key " + key);

      // SIGTERM, as Process.destroy() sends it; through the handle, because Process.destroy() also
      // closes our end of the child's output, and the line it prints on stopping is part of what is
      // checked.
      assertThat(process.toHandle().destroy()).isTrue();

      await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
      reader.join();
      assertThat(process.exitValue()).as(output.toString()).isZero();
      assertThat(output.toString()).endsWith("ghapp emulator: stopped.\n");
      assertThat(isListening(port)).as("port %d freed", port).isFalse();
      assertThat(key).as("the temporary key is deleted").doesNotExist();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void emulator_withLongTokens_issuesGitHubsLongTokenFormat() {
    Cli server = Cli.in(home);
    Cli.Running running = server.start("emulator", "--long-tokens");
    Matcher printed = awaitExportLine(running);

    Cli.Result token =
        Cli.in(home)
            .env("GHAPP_BASE_URL", printed.group(1))
            .env("GHAPP_CLIENT_ID", printed.group(2))
            .env("GHAPP_PRIVATE_KEY", printed.group(3))
            .run("token", "--installation-id", "42");

    server.shutDown();
    assertThat(token.exitCode()).as(token.err()).isZero();
    assertThat(token.out()).startsWith("ghs_1001_eyJ").hasSizeGreaterThan(300);
  }

  @Test
  void emulator_withTls_servesHttpsAndPrintsHowToTrustIt() throws Exception {
    Cli server = Cli.in(home);
    Cli.Running running = server.start("emulator", "--tls");
    Matcher printed = awaitExportLine(running);
    Matcher trust = TRUST.matcher("");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> trust.reset(running.out().toString()).find());

    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = Files.newInputStream(Path.of(trust.group(2)))) {
      store.load(in, trust.group(3).toCharArray());
    }
    javax.net.ssl.TrustManagerFactory trusting =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trusting.init(store);
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, trusting.getTrustManagers(), null);
    java.net.http.HttpResponse<String> meta =
        java.net.http.HttpClient.newBuilder()
            .sslContext(context)
            .build()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(printed.group(1) + "/meta"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(printed.group(1)).startsWith("https://127.0.0.1:");
    assertThat(Path.of(trust.group(1)))
        .as("the CA is written beside the keys")
        .hasParent(Path.of(printed.group(3)).getParent());
    assertThat(Files.readString(Path.of(trust.group(1)))).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(meta.statusCode()).isEqualTo(200);
    assertThat(running.out().toString()).contains("  Git      https://127.0.0.1:");
    server.shutDown();
    assertThat(running.result().get().exitCode()).isZero();
  }

  @Test
  void emulator_onABusyPort_isAUsageError() throws Exception {
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Cli.Result result =
          Cli.in(home).run("emulator", "--port", Integer.toString(busy.getLocalPort()));

      UserMistakesTest.assertOneLine(
          result, ExitCodes.USAGE, "port " + busy.getLocalPort() + " is in use");
    }
  }

  @Test
  void emulator_withAMissingStateFile_isAUsageError() {
    UserMistakesTest.assertOneLine(
        Cli.in(home).run("emulator", "--state", "nope.yaml"),
        ExitCodes.USAGE,
        "nope.yaml does not exist");
  }

  private static Matcher awaitExportLine(Cli.Running running) {
    Matcher m = EXPORT.matcher("");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              assertThat(running.result()).as("the emulator stopped early").isNotDone();
              return m.reset(running.out().toString()).find();
            });
    return m;
  }

  private static boolean isListening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void copyLines(Process process, StringBuffer output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
