package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a per-run CA: clients that are handed the CA (the JDK client through the written trust
 * store, git through GIT_SSL_CAINFO) are served, clients that are not are refused.
 */
class TlsTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.demo().configure(GitHubEmulator.Builder::tls);

  @TempDir Path work;

  @Test
  void tls_theJdkClientWithTheWrittenTrustStore_isServedOnTheIpAndOnLocalhost() throws Exception {
    EmulatorTls tls = github.emulator().tls();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.trustStore())) {
      store.load(in, tls.trustStorePassword().toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();
    String token = mint(client);

    HttpResponse<String> repository =
        client.send(
            HttpRequest.newBuilder(URI.create(github.baseUrl() + "/repos/octo-org/hello-world"))
                .header("Authorization", "token " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> byName =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + github.emulator().port() + "/meta"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(github.baseUrl().getScheme()).isEqualTo("https");
    assertThat(repository.statusCode()).as(repository.body()).isEqualTo(200);
    assertThat(Http.JSON.readTree(repository.body()).path("full_name").asText())
        .isEqualTo("octo-org/hello-world");
    assertThat(byName.statusCode()).isEqualTo(200);
    assertThat(tls.caCertificateFile()).hasParent(github.emulator().dataDirectory().resolve("tls"));
    assertThat(Files.readString(tls.caCertificateFile())).isEqualTo(tls.caCertificatePem());
    assertThat(tls.javaOptions()).contains("-Djavax.net.ssl.trustStore=" + tls.trustStore());
  }

  @Test
  void tls_aClientWithoutTheCa_isRefusedInTheHandshake() {
    HttpClient stranger = HttpClient.newHttpClient();

    assertThatThrownBy(
            () ->
                stranger.send(
                    HttpRequest.newBuilder(URI.create(github.baseUrl() + "/meta")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void tls_gitClonesOverHttpsWithGitSslCainfo_andNotWithout() throws Exception {
    EmulatorTls tls = github.emulator().tls();
    String token = mint(HttpClient.newBuilder().sslContext(tls.sslContext()).build());
    URI url = github.emulator().gitUrl("octo-org", "hello-world");
    String withCredentials =
        url.getScheme() + "://x-access-token:" + token + "@" + url.getAuthority() + url.getPath();
    GitCli git = new GitCli(work.resolve("home"));
    Files.createDirectories(work.resolve("home"));

    GitCli.Result trusted =
        git.run(
            java.util.Map.of("GIT_SSL_CAINFO", tls.environment().get("GIT_SSL_CAINFO")),
            work,
            "clone",
            withCredentials,
            "trusted");
    GitCli.Result untrusted = git.run(work, "clone", withCredentials, "untrusted");

    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(trusted.succeeded()).as(trusted.output()).isTrue();
    assertThat(work.resolve("trusted/README.md")).exists();
    assertThat(untrusted.succeeded()).isFalse();
    assertThat(untrusted.output()).containsIgnoringCase("certificate");
  }

  @Test
  void tls_onAPlainEmulator_saysHowToTurnItOn() {
    try (GitHubEmulator plain = GitHubEmulator.builder().build().start()) {
      assertThatThrownBy(plain::tls)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("GitHubEmulator.builder().tls()");
    }
  }

  private static String mint(HttpClient client) throws Exception {
    HttpResponse<String> minted =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(github.baseUrl() + "/app/installations/42/access_tokens"))
                .header("Authorization", "Bearer " + Tokens.jwt(github.emulator(), 1001))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
    JsonNode body = Http.JSON.readTree(minted.body());
    return body.path("token").asText();
  }
}
