package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GitHubAppBuilderTest {
  private static final KeyPair KEY = TestKeys.rsa();

  @Test
  void setter_calledTwice_failsNamingIt() {
    assertThatThrownBy(() -> GitHubApp.builder().appId(1).appId(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("appId was already set");
  }

  @Test
  void listener_calledTwice_failsNamingIt() {
    assertThatThrownBy(
            () ->
                GitHubApp.builder()
                    .listener(GitHubAppListener.NONE)
                    .listener(new GitHubAppListener() {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listener was already set");
  }

  @Test
  void privateKey_calledTwice_pointsToAddPrivateKey() {
    assertThatThrownBy(
            () -> GitHubApp.builder().privateKey(KEY.getPrivate()).privateKey(KEY.getPrivate()))
        .hasMessageContaining("privateKey was already set")
        .hasMessageContaining("addPrivateKey");
  }

  @Test
  void build_withNothing_namesEveryMissingSetting() {
    assertThatThrownBy(() -> GitHubApp.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("appId or clientId is required")
        .hasMessageContaining("a private key is required");
  }

  @Test
  void build_withConflictingSettings_namesEachConflict() {
    assertThatThrownBy(
            () ->
                GitHubApp.builder()
                    .appId(1)
                    .clientId("Iv23liDemo")
                    .privateKey(KEY.getPrivate())
                    .signer(content -> new byte[0])
                    .build())
        .hasMessageContaining("appId and clientId are both set")
        .hasMessageContaining("signer and privateKey are both set");
  }

  @Test
  void build_refreshMarginBelowExpiryMargin_explainsTheOrder() {
    assertThatThrownBy(
            () ->
                GitHubApp.builder()
                    .appId(1)
                    .privateKey(KEY.getPrivate())
                    .refreshMargin(Duration.ofMinutes(2))
                    .expiryMargin(Duration.ofMinutes(5))
                    .build())
        .hasMessageContaining("refreshMargin")
        .hasMessageContaining("expiryMargin");
  }

  @Test
  void clientId_withSpaces_isRefusedWithAnExample() {
    assertThatThrownBy(() -> GitHubApp.builder().clientId("my app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Iv23liABC");
  }

  @Test
  void apiVersion_notADate_isRefused() {
    assertThatThrownBy(() -> GitHubApp.builder().apiVersion("v3"))
        .hasMessageContaining("2022-11-28");
  }

  @Test
  void privateKey_missingFile_failsAtTheSetterNamingThePath() {
    assertThatThrownBy(() -> GitHubApp.builder().privateKey(Path.of("/nonexistent/app.pem")))
        .isInstanceOf(PrivateKeyException.class)
        .hasMessageContaining("/nonexistent/app.pem");
  }

  @Test
  void build_ghesHost_derivesRestAndGraphql() {
    GitHubApp app =
        GitHubApp.builder()
            .appId(1)
            .privateKey(TestKeys.pkcs1Pem(KEY))
            .baseUrl("https://ghe.example.com")
            .build();

    assertThat(app.baseUrl()).hasToString("https://ghe.example.com/api/v3");
    assertThat(app.graphqlUrl()).hasToString("https://ghe.example.com/api/graphql");
  }

  @Test
  void build_defaults_targetGitHubDotCom() {
    GitHubApp app = GitHubApp.builder().clientId("Iv23liDemo").privateKey(KEY.getPrivate()).build();

    assertThat(app.baseUrl()).hasToString("https://api.github.com");
    assertThat(app.graphqlUrl()).hasToString("https://api.github.com/graphql");
    assertThat(app.toString()).contains("Iv23liDemo").contains("SHA256:");
  }

  @Test
  void buildAndJwt_withTheDefaultTransport_startNoHttpClientUntilTheFirstRequest()
      throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Set<String> before = httpClientSelectorThreads();

    GitHubApp app =
        GitHubApp.builder()
            .clientId("Iv23liDemo")
            .privateKey(KEY.getPrivate())
            .baseUrl("http://127.0.0.1:" + closedPort)
            .maxAttempts(1)
            .build();
    app.jwt();

    assertThat(newSince(before)).as("HttpClients built by build() and jwt()").isEmpty();
    catchThrowable(() -> app.createToken(1)); // the first request: refused, nothing listens there
    // The default client is one per JVM: built by this request unless an earlier test's app did.
    assertThat(newSince(before))
        .as("HttpClients built by the first request")
        .hasSizeLessThanOrEqualTo(1);
    Set<String> afterFirstApp = httpClientSelectorThreads();

    // Regression (security review #16): each new app built a client of its own.
    GitHubApp another =
        GitHubApp.builder()
            .clientId("Iv23liDemo")
            .privateKey(KEY.getPrivate())
            .baseUrl("http://127.0.0.1:" + closedPort)
            .maxAttempts(1)
            .build();
    catchThrowable(() -> another.createToken(1));
    assertThat(newSince(afterFirstApp)).as("HttpClients built by a second app").isEmpty();
  }

  /** A JDK HttpClient starts one thread named HttpClient-N-SelectorManager as it is built. */
  private static Set<String> httpClientSelectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }

  private static Set<String> newSince(Set<String> before) {
    Set<String> now = new HashSet<>(httpClientSelectorThreads());
    now.removeAll(before);
    return now;
  }

  @Test
  void jwt_calledTwice_isReused() {
    GitHubApp app = GitHubApp.builder().clientId("Iv23liDemo").privateKey(KEY.getPrivate()).build();

    assertThat(app.jwt()).isSameAs(app.jwt());
  }
}
