package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Runs every path that handles a secret, failures included, with ghapp's DEBUG logging on (see
 * logback-test.xml; everything else at WARN), and checks that no credential ghapp sent (each
 * Authorization header, captured on the wire), no token it received, and no part of the private key
 * appears in any log line, exception message, stack trace, toString() or listener argument.
 */
class NoSecretsLeakTest {
  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Set<String> sentCredentials = ConcurrentHashMap.newKeySet();
  private final List<String> texts = new ArrayList<>();
  private final RecordingListener heard = new RecordingListener();

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  @Test
  void fullRunWithFailures_leaksNoTokenJwtOrKeyAnywhere() {
    GitHubEmulator emu = github.emulator();
    String pem = emu.app(1001).privateKeyPem();
    HttpTransport jdk = HttpTransport.of(HttpClient.newHttpClient());
    GitHubApp app =
        EmulatorApps.builder(emu)
            .retryBackoff(Duration.ofMillis(5))
            .transport(
                request -> {
                  request
                      .headers()
                      .firstValue("Authorization")
                      .ifPresent(h -> sentCredentials.add(h.substring(h.indexOf(' ') + 1)));
                  return jdk.send(request);
                })
            .listener(heard)
            .build();

    // The happy paths: a JWT, look-ups, mints, a cached provider, a client, Git credentials,
    // revocation.
    sentCredentials.add(app.jwt());
    app.installations().forRepository("octo-org", "hello-world");
    InstallationToken minted =
        app.createToken(42, TokenRequest.builder().repositories("hello-world").build());
    TokenProvider tokens = app.tokenProvider(42);
    GitHubClient gh = app.installationClient(42);
    gh.request("GET /installation/repositories");
    GitCredentials git = app.gitCredentials(42, Duration.ofMinutes(30));
    texts.addAll(
        List.of(
            app.toString(),
            minted.toString(),
            tokens.toString(),
            gh.toString(),
            git.toString(),
            tokens.installationToken().toString()));

    // The recovering paths: 5xx, replication lag, a token revoked behind our back, clock skew.
    emu.faults().failNext(1, 502);
    gh.request("GET /installation/repositories");
    emu.faults().clear().replicationLag(Duration.ofMillis(300));
    app.createToken(43);
    app.installationClient(43).request("GET /installation/repositories");
    emu.faults().clear();
    EmulatorApps.send(emu, "DELETE", "/installation/token", tokens.token());
    emu.clock().advance(Duration.ofMinutes(1));
    gh.request("GET /installation/repositories");
    emu.faults().clockOffset(Duration.ofMinutes(-5));
    emu.clock().advance(Duration.ofMinutes(8));
    app.createToken(42);
    emu.faults().clear();

    // The failing paths: each refusal, and tokens used after revocation.
    failure(
        () ->
            app.createToken(
                42, TokenRequest.builder().permission("administration", "write").build()));
    failure(() -> app.createToken(42, TokenRequest.builder().repositories("secret-plans").build()));
    failure(() -> app.createToken(999));
    failure(() -> gh.request("GET /app/installations"));
    failure(() -> app.installations().forRepository("octo-org", "nope"));
    emu.faults().exhaustRateLimit(42);
    failure(() -> gh.request("GET /installation/repositories"));
    emu.faults().clear();
    tokens.revoke();
    GitHubClient bare = GitHubClient.withToken(emu.baseUrl(), minted.token());
    texts.add(bare.toString());
    bare.request("GET /installation/repositories");
    app.revoke(minted);
    app.revoke(minted);
    GitHubClient.revoke(emu.baseUrl(), minted.token());
    failure(() -> bare.request("GET /installation/repositories"));
    failure(() -> GitHubClient.withToken(emu.baseUrl(), "Bearer " + minted.token()));
    failure(
        () ->
            GitHubApp.builder()
                .appId(1001)
                .privateKey(TestKeys.rsa().getPrivate())
                .baseUrl(emu.baseUrl())
                .clock(emu.clock())
                .build()
                .createToken(42));
    failure(
        () ->
            GitHubApp.builder()
                .privateKey(pem.replace("\n", "\\n").replace("RSA PRIVATE", "EC PRIVATE")));
    failure(() -> GitHubApp.builder().privateKey(java.nio.file.Path.of(pem)));
    sentCredentials.add(minted.token());
    sentCredentials.add(git.password());

    assertThat(sentCredentials).as("credentials seen on the wire").hasSizeGreaterThan(5);
    assertThat(heard.arguments()).as("what the listener was told").isNotEmpty();
    texts.addAll(heard.arguments());
    for (ILoggingEvent event : logs.list) {
      texts.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        texts.add(describe(event.getThrowableProxy()));
      }
    }
    assertThat(logs.list)
        .as("ghapp's DEBUG lines are captured (logback-test.xml)")
        .anyMatch(
            e ->
                e.getLoggerName().startsWith("io.github.ghapp.auth")
                    && e.getLevel().toString().equals("DEBUG"));
    for (String text : texts) {
      for (String secret : sentCredentials) {
        assertThat(text).doesNotContain(secret);
        // a JWT's signature alone, or a token's body without its prefix, would leak as much
        assertThat(text).doesNotContain(secret.substring(secret.length() - 16));
      }
      assertNoKeyMaterial(text, pem);
    }
  }

  private void failure(Runnable call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).as("this call fails").isNotNull();
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    texts.add(t.toString());
    texts.add(trace.toString());
  }

  private static String describe(IThrowableProxy proxy) {
    StringBuilder s = new StringBuilder();
    for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
      s.append(p.getClassName()).append(": ").append(p.getMessage()).append('\n');
    }
    return s.toString();
  }

  private static void assertNoKeyMaterial(String text, String pem) {
    String material = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("[^A-Za-z0-9+/]", "");
    for (int i = 0; i + 16 <= material.length(); i += 8) {
      assertThat(text).doesNotContain(material.substring(i, i + 16));
    }
  }
}
