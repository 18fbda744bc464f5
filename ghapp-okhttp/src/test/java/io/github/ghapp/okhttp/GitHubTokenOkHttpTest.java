package io.github.ghapp.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.NotFoundException;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OkHttp's real client against the emulator, with the token added by the adapter. */
class GitHubTokenOkHttpTest {
  private static final long APP_ID = 1001;

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  /** The two ways OkHttp takes an interceptor: once per call, or on every hop over the network. */
  enum Mode {
    APPLICATION,
    NETWORK
  }

  private GitHubApp app;
  private TokenProvider tokens;

  @BeforeEach
  void newApp() {
    app =
        GitHubApp.builder()
            .appId(APP_ID)
            .privateKey(emu().app(APP_ID).privateKeyPem())
            .baseUrl(emu().baseUrl())
            .clock(emu().clock())
            .build();
    tokens = app.tokenProvider(42);
    emu().clearRequests();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCall_carriesTheInstallationToken_withOneMint(Mode mode) throws IOException {
    OkHttpClient client = client(mode, app.baseUrl());

    assertThat(get(client, "/repos/octo-org/hello-world")).isEqualTo(200);
    assertThat(get(client, "/installation/repositories")).isEqualTo(200);

    assertThat(log())
        .containsExactly(
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 200 INSTALLATION_TOKEN",
            "GET /installation/repositories 200 INSTALLATION_TOKEN");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTokenRevokedAtGitHub_isRefusedOnce_andTheRetrySucceedsWithAFreshToken(Mode mode)
      throws IOException {
    OkHttpClient client = client(mode, app.baseUrl());
    get(client, "/repos/octo-org/hello-world");
    String revoked = tokens.token();
    GitHubClient.revoke(emu().baseUrl(), revoked); // behind ghapp's back: its cache still holds it
    emu().clearRequests();

    assertThat(get(client, "/repos/octo-org/hello-world")).isEqualTo(200);

    assertThat(log())
        .containsExactly(
            "GET /repos/octo-org/hello-world 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 200 INSTALLATION_TOKEN");
    assertThat(tokens.token()).isNotEqualTo(revoked);
  }

  @Test
  void aRetryRefusedToo_isReturnedToTheCaller_notLooped() throws IOException {
    OkHttpClient client = client(Mode.APPLICATION, app.baseUrl());
    get(client, "/repos/octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().faults().replicationLag(Duration.ofMinutes(10)); // the new token is refused as well
    emu().clearRequests();

    assertThat(get(client, "/repos/octo-org/hello-world")).isEqualTo(401);

    assertThat(log())
        .containsExactly(
            "GET /repos/octo-org/hello-world 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 401 INVALID");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRequestToAnotherHost_carriesNoToken_andIsNotRetried(Mode mode) throws IOException {
    OkHttpClient client = client(mode, app.baseUrl());
    URI sameServerOtherName = URI.create("http://localhost:" + emu().port());

    assertThat(get(client, sameServerOtherName.resolve("/installation/repositories")))
        .isEqualTo(401);

    assertThat(log()).containsExactly("GET /installation/repositories 401 NONE");
  }

  @Test
  void aHeaderTheCallerSet_isKept_andItsRefusalIsNotRetried() throws IOException {
    OkHttpClient client = client(Mode.APPLICATION, app.baseUrl());
    Request asTheApp =
        new Request.Builder()
            .url(emu().baseUrl().resolve("/app").toString())
            .header("Authorization", "Bearer " + app.jwt())
            .build();
    Request withAStaleJwt =
        asTheApp.newBuilder().header("Authorization", "Bearer not-a-jwt").build();

    try (Response ok = client.newCall(asTheApp).execute();
        Response refused = client.newCall(withAStaleJwt).execute()) {
      assertThat(ok.code()).isEqualTo(200);
      assertThat(refused.code()).isEqualTo(401);
    }
    assertThat(log()).containsExactly("GET /app 200 JWT", "GET /app 401 INVALID");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectToAnotherHost_neverCarriesTheToken(Mode mode) throws IOException {
    // The emulator never redirects: a JDK server plays a GitHub that sends the client elsewhere.
    Map<String, String> seen = new ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int port = server.getAddress().getPort();
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          seen.put(path, authorization == null ? "none" : authorization);
          if (path.equals("/download")) {
            exchange
                .getResponseHeaders()
                .add("Location", "http://localhost:" + port + "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
          } else {
            exchange.sendResponseHeaders(204, -1);
          }
          exchange.close();
        });
    server.start();
    try {
      OkHttpClient client = client(mode, URI.create("http://127.0.0.1:" + port));

      assertThat(get(client, URI.create("http://127.0.0.1:" + port + "/download"))).isEqualTo(204);

      assertThat(seen)
          .containsEntry("/download", "Bearer " + tokens.token())
          .containsEntry("/elsewhere", "none");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aTokenGhappCannotGet_failsTheCall_withGhappsErrorAsTheCause() {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(GitHubTokenInterceptor.of(app.baseUrl(), app.tokenProvider(99)))
            .build();

    assertThatThrownBy(() -> get(client, "/installation/repositories"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("ghapp could not get an installation token: ")
        .cause()
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRelativeUrl_isRefused_namingWhatToGive() {
    assertThatThrownBy(() -> GitHubTokenInterceptor.of(URI.create("/api/v3"), tokens))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app.baseUrl()");
  }

  private OkHttpClient client(Mode mode, URI githubUrl) {
    GitHubTokenInterceptor interceptor = GitHubTokenInterceptor.of(githubUrl, tokens);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder().authenticator(GitHubTokenAuthenticator.of(githubUrl, tokens));
    return (mode == Mode.APPLICATION
            ? builder.addInterceptor(interceptor)
            : builder.addNetworkInterceptor(interceptor))
        .build();
  }

  private int get(OkHttpClient client, String path) throws IOException {
    return get(client, emu().baseUrl().resolve(path));
  }

  private static int get(OkHttpClient client, URI url) throws IOException {
    try (Response response =
        client.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      return response.code();
    }
  }

  private static GitHubEmulator emu() {
    return github.emulator();
  }

  /** What the emulator saw since the test began: method, path, status and credential. */
  private static List<String> log() {
    return emu().requests().stream()
        .map(r -> r.method() + " " + r.path() + " " + r.status() + " " + r.credential())
        .toList();
  }
}
