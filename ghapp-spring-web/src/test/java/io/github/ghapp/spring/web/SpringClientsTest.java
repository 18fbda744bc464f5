package io.github.ghapp.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppListener;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.TokenKey;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.ResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Spring's real RestClient, RestTemplate and WebClient against the emulator, with the adapters. */
class SpringClientsTest {
  private static final long APP_ID = 1001;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  /** A kind that differs from WEB_CLIENT only where a redirect is followed. */
  private static final String REDIRECTS_ONLY = "WEB_CLIENT_FOLLOWING_REDIRECTS";

  /** Threads that asked ghapp for a token: never an event loop's. */
  private final Queue<String> tokenThreads = new ConcurrentLinkedQueue<>();

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
            .listener(
                new GitHubAppListener() {
                  @Override
                  public void refreshStarted(TokenKey key) {
                    tokenThreads.add(Thread.currentThread().getName());
                  }
                })
            .build();
    tokens = app.tokenProvider(42);
    emu().clearRequests();
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, mode = EXCLUDE, names = REDIRECTS_ONLY)
  void aClient_readsARepositoryAndComments_asTheInstallationWithOneMint(Kind kind) {
    Client client = kind.client(app, tokens, emu().baseUrl());

    Answer repo = client.get("/repos/octo-org/hello-world");
    Answer issue =
        client.post("/repos/octo-org/hello-world/issues", "{\"title\": \"Found a bug\"}");
    Answer comment =
        client.post(
            "/repos/octo-org/hello-world/issues/"
                + issue.json().path("number").asInt()
                + "/comments",
            "{\"body\": \"Thanks\"}");

    assertThat(repo.json().path("full_name").asText()).isEqualTo("octo-org/hello-world");
    assertThat(comment.status()).isEqualTo(201);
    assertThat(comment.json().path("user").path("login").asText()).isEqualTo("octo-app[bot]");
    assertThat(log())
        .containsExactly(
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 200 INSTALLATION_TOKEN",
            "POST /repos/octo-org/hello-world/issues 201 INSTALLATION_TOKEN",
            "POST /repos/octo-org/hello-world/issues/"
                + issue.json().path("number").asInt()
                + "/comments 201 INSTALLATION_TOKEN");
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, mode = EXCLUDE, names = REDIRECTS_ONLY)
  void aTokenRevokedAtGitHub_isRefusedOnce_andTheRetrySucceedsWithAFreshToken(Kind kind) {
    Client client = kind.client(app, tokens, emu().baseUrl());
    client.get("/repos/octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token()); // behind ghapp's back
    emu().clearRequests();

    assertThat(client.get("/repos/octo-org/hello-world").status()).isEqualTo(200);

    assertThat(log())
        .containsExactly(
            "GET /repos/octo-org/hello-world 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 200 INSTALLATION_TOKEN");
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, mode = EXCLUDE, names = REDIRECTS_ONLY)
  void aRetryRefusedToo_isReturnedToTheCaller_notLooped(Kind kind) {
    Client client = kind.client(app, tokens, emu().baseUrl());
    client.get("/repos/octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().faults().replicationLag(Duration.ofMinutes(10)); // the new token is refused as well
    emu().clearRequests();

    assertThat(client.get("/repos/octo-org/hello-world").status()).isEqualTo(401);

    assertThat(log())
        .containsExactly(
            "GET /repos/octo-org/hello-world 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 401 INVALID");
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, mode = EXCLUDE, names = REDIRECTS_ONLY)
  void aRequestToAnotherHost_carriesNoToken_andIsNotRetried(Kind kind) {
    Client client =
        kind.client(app, tokens, URI.create("http://localhost:" + emu().port())); // same server

    assertThat(client.get("/installation/repositories").status()).isEqualTo(401);

    assertThat(log()).containsExactly("GET /installation/repositories 401 NONE");
  }

  @ParameterizedTest
  @EnumSource(Kind.class) // every kind
  void aRedirectToAnotherHost_neverCarriesTheToken(Kind kind) throws IOException {
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
      URI redirecting = URI.create("http://127.0.0.1:" + port);
      GitHubApp thatGitHub =
          GitHubApp.builder()
              .appId(APP_ID)
              .privateKey(emu().app(APP_ID).privateKeyPem())
              .baseUrl(redirecting)
              .build();

      kind.client(thatGitHub, tokens, redirecting).get("/download");

      assertThat(seen).containsEntry("/download", "Bearer " + tokens.token());
      // HttpURLConnection and Reactor Netty told to follow redirects drop the header on another
      // host; RestClient's factories and WebClient's default connector follow no redirect.
      assertThat(seen.getOrDefault("/elsewhere", "not followed"))
          .isEqualTo(kind.followsRedirects() ? "none" : "not followed");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void webClient_asksGhappForTokens_onlyOffTheEventLoop_evenWhenOneHasExpired() {
    WebClient client =
        WebClient.builder()
            .baseUrl(emu().baseUrl().toString())
            .filter(GitHubTokenExchangeFilter.of(app, tokens))
            .build();
    Mono<Integer> status =
        client.get().uri("/repos/octo-org/hello-world").exchangeToMono(Kind::status);

    // The second request is subscribed from the first one's answer, on an event-loop thread.
    Integer second =
        status
            .flatMap(
                first -> {
                  emu().clock().advance(Duration.ofMinutes(61)); // the cached token is expired
                  return status;
                })
            .block(Duration.ofSeconds(30));

    assertThat(second).isEqualTo(200);
    assertThat(emu().requests()).filteredOn(r -> r.isMint()).hasSize(2);
    assertThat(tokenThreads).hasSize(2).allMatch(name -> name.startsWith("boundedElastic"));
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

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  interface Client {
    Answer get(String path);

    Answer post(String path, String json);
  }

  /** Each Spring client, built as its documentation shows, with the adapter added. */
  enum Kind {
    /** With Reactor Netty on the class path, as here, RestClient's default factory is its. */
    REST_CLIENT {
      @Override
      Client client(GitHubApp app, TokenProvider tokens, URI baseUrl) {
        return restClient(RestClient.builder(), app, tokens, baseUrl);
      }
    },
    REST_CLIENT_ON_THE_JDK_CLIENT {
      @Override
      Client client(GitHubApp app, TokenProvider tokens, URI baseUrl) {
        return restClient(
            RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()),
            app,
            tokens,
            baseUrl);
      }
    },
    REST_TEMPLATE {
      @Override
      Client client(GitHubApp app, TokenProvider tokens, URI baseUrl) {
        RestTemplate template = new RestTemplate(); // HttpURLConnection
        template.getInterceptors().add(GitHubTokenInterceptor.of(app, tokens));
        template.setErrorHandler(
            new ResponseErrorHandler() {
              @Override
              public boolean hasError(ClientHttpResponse response) {
                return false; // the tests read every status
              }
            });
        return new Client() {
          @Override
          public Answer get(String path) {
            return template.execute(
                baseUrl.resolve(path), org.springframework.http.HttpMethod.GET, null, Kind::answer);
          }

          @Override
          public Answer post(String path, String json) {
            return template.execute(
                baseUrl.resolve(path),
                org.springframework.http.HttpMethod.POST,
                req -> {
                  req.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                  req.getBody().write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                },
                Kind::answer);
          }
        };
      }
    },
    WEB_CLIENT {
      @Override
      Client client(GitHubApp app, TokenProvider tokens, URI baseUrl) {
        return webClient(WebClient.builder(), app, tokens, baseUrl);
      }
    },
    WEB_CLIENT_FOLLOWING_REDIRECTS {
      @Override
      Client client(GitHubApp app, TokenProvider tokens, URI baseUrl) {
        return webClient(
            WebClient.builder()
                .clientConnector(
                    new ReactorClientHttpConnector(HttpClient.create().followRedirect(true))),
            app,
            tokens,
            baseUrl);
      }
    };

    abstract Client client(GitHubApp app, TokenProvider tokens, URI baseUrl);

    boolean followsRedirects() {
      return this == REST_TEMPLATE || this == WEB_CLIENT_FOLLOWING_REDIRECTS;
    }

    static Client webClient(
        WebClient.Builder builder, GitHubApp app, TokenProvider tokens, URI baseUrl) {
      WebClient web =
          builder
              .baseUrl(baseUrl.toString())
              .filter(GitHubTokenExchangeFilter.of(app, tokens))
              .build();
      return new Client() {
        @Override
        public Answer get(String path) {
          return web.get().uri(path).exchangeToMono(Kind::answer).block(Duration.ofSeconds(30));
        }

        @Override
        public Answer post(String path, String json) {
          return web.post()
              .uri(path)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(json)
              .exchangeToMono(Kind::answer)
              .block(Duration.ofSeconds(30));
        }
      };
    }

    static Client restClient(
        RestClient.Builder builder, GitHubApp app, TokenProvider tokens, URI baseUrl) {
      RestClient rest =
          builder
              .baseUrl(baseUrl.toString())
              .requestInterceptor(GitHubTokenInterceptor.of(app, tokens))
              .build();
      return new Client() {
        @Override
        public Answer get(String path) {
          return rest.get().uri(path).exchange((req, res) -> answer(res.getStatusCode(), res));
        }

        @Override
        public Answer post(String path, String json) {
          return rest.post()
              .uri(path)
              .contentType(MediaType.APPLICATION_JSON)
              .body(json)
              .exchange((req, res) -> answer(res.getStatusCode(), res));
        }
      };
    }

    static Answer answer(org.springframework.http.client.ClientHttpResponse res)
        throws IOException {
      return answer(res.getStatusCode(), res);
    }

    static Answer answer(HttpStatusCode status, org.springframework.http.HttpInputMessage res)
        throws IOException {
      return new Answer(
          status.value(),
          new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    static Mono<Answer> answer(
        org.springframework.web.reactive.function.client.ClientResponse res) {
      return res.bodyToMono(String.class)
          .defaultIfEmpty("")
          .map(body -> new Answer(res.statusCode().value(), body));
    }

    static Mono<Integer> status(
        org.springframework.web.reactive.function.client.ClientResponse res) {
      return res.releaseBody().thenReturn(res.statusCode().value());
    }
  }
}
