package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression (security review #4): the admin API handed private keys to any local user and any web
 * page (any Host, any content type), and webhooks could be pointed at any host.
 */
class AdminSecurityTest {

  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  private static Http root() {
    return Http.at(URI.create("http://127.0.0.1:" + github.emulator().port()));
  }

  private static RawHttp.Answer getWithHost(String path, String host) {
    try (RawHttp http = RawHttp.connect(github.emulator().port())) {
      return http.head(
              "GET " + path + " HTTP/1.1",
              "Host: " + host,
              "Authorization: " + github.adminAuthorization())
          .answer();
    }
  }

  @Test
  void adminApiWithoutTheAdminToken_isRefused401_andHandsOutNoKey() {
    Http.Reply reply = root().post("/_emulator/apps/1001/keys", "");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.message()).contains("admin token");
    assertThat(reply.response.body()).doesNotContain("PRIVATE KEY");
    assertThat(root().bearer("ghemu_guess").get("/_emulator/state").status()).isEqualTo(401);
  }

  @Test
  void crossSiteSimplePost_isRefused401() {
    Http.Reply reply =
        root()
            .header("Origin", "http://evil.example.com")
            .send("POST", "/_emulator/apps", "{\"slug\":\"csrf-app\"}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(github.apps()).extracting(EmulatedApp::slug).doesNotContain("csrf-app");
  }

  @Test
  void adminApiWithTheAdminToken_works() {
    assertThat(Http.admin(github.emulator()).get("/_emulator/state").status()).isEqualTo(200);
  }

  @Test
  void foreignHostHeader_isRefused421_onEveryRequest_soDnsRebindingFails() {
    int port = github.emulator().port();
    for (String path : new String[] {"/_emulator/state", "/meta"}) {
      for (String host :
          new String[] {"evil.example.com", "evil.example.com:" + port, "127.0.0.1.evil.com"}) {
        RawHttp.Answer answer = getWithHost(path, host);
        assertThat(answer.status()).as(host + " " + path).isEqualTo(421);
        assertThat(answer.contentType()).startsWith("application/json");
      }
    }
    assertThat(getWithHost("/meta", "127.0.0.1:" + (port + 1)).status()).isEqualTo(421);
  }

  @Test
  void loopbackHostHeaders_areServed() {
    int port = github.emulator().port();
    for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port}) {
      assertThat(getWithHost("/_emulator/state", host).status()).as(host).isEqualTo(200);
    }
  }

  @Test
  void webhookToAnotherHost_isNotDelivered_unlessTheBuilderAllowsIt() {
    Http admin = Http.admin(github.emulator());
    admin.post(
        "/_emulator/apps",
        "{\"id\": 77, \"slug\": \"ssrf-app\", \"webhook\": {\"url\": \"http://10.255.255.1/\"}}");
    admin.post("/_emulator/accounts", "{\"login\": \"ssrf-org\", \"type\": \"Organization\"}");
    admin.post("/_emulator/installations", "{\"app\": 77, \"account\": \"ssrf-org\"}");

    WebhookDelivery refused =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    github.emulator().deliveries().stream()
                        .filter(d -> d.url().equals("http://10.255.255.1/"))
                        .findFirst()
                        .orElse(null),
                Objects::nonNull);
    assertThat(refused.statusCode()).isNull();
    assertThat(refused.error()).contains("10.255.255.1 is not a loopback host");
  }
}
