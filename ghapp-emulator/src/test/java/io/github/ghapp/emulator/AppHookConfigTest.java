package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.ghapp.emulator.internal.webhooks.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET/PATCH /app/hook/config}: an app can point its webhook at a receiver started after the
 * emulator, GitHub never shows the secret back, and the next delivery goes to the new place, signed
 * with the new secret.
 */
class AppHookConfigTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

  @Test
  void getConfig_ofTheDemoApp_showsItsUrlAndMasksTheSecret() {
    Http.Reply reply = appHttp().get("/app/hook/config");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json.get("url").asText()).isEqualTo("http://127.0.0.1:9000/webhooks");
    assertThat(reply.json.get("secret").asText()).isEqualTo("********");
    assertThat(reply.json.get("content_type").asText()).isEqualTo("json");
    assertThat(reply.json.get("insecure_ssl").asText()).isEqualTo("0");
  }

  @Test
  void patchConfig_withANewUrlAndSecret_sendsTheNextDeliveryThereSignedWithTheNewSecret() {
    WebhookReceiver receiver = WebhookReceiver.start();
    try {
      Http.Reply patched =
          appHttp()
              .send(
                  "PATCH",
                  "/app/hook/config",
                  "{\"url\":\"" + receiver.url("/moved") + "\",\"secret\":\"new-secret\"}");
      assertThat(patched.status()).isEqualTo(200);
      assertThat(patched.json.get("url").asText()).isEqualTo(receiver.url("/moved"));
      assertThat(patched.toString()).doesNotContain("new-secret");

      String token = Tokens.mint(github.emulator(), 42, "{}");
      Http.at(github.baseUrl())
          .bearer(token)
          .post("/repos/octo-org/hello-world/issues", "{\"title\":\"Where do hooks go?\"}");

      await().until(() -> !receiver.received().isEmpty());
      WebhookReceiver.Received hook = receiver.received().get(0);
      assertThat(hook.path()).isEqualTo("/moved");
      assertThat(hook.header("X-Hub-Signature-256"))
          .isEqualTo(WebhookSignature.sha256("new-secret", hook.body()));
    } finally {
      receiver.close();
    }
  }

  @Test
  void patchConfig_withARelativeUrl_isRefusedWith422() {
    Http.Reply reply = appHttp().send("PATCH", "/app/hook/config", "{\"url\":\"/webhooks\"}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.json.get("message").asText()).contains("absolute http or https URL");
  }

  @Test
  void patchConfig_withAnInstallationToken_isRefusedAsGitHubDoes() {
    String token = Tokens.mint(github.emulator(), 42, "{}");

    Http.Reply reply =
        Http.at(github.baseUrl())
            .bearer(token)
            .send("PATCH", "/app/hook/config", "{\"url\":\"http://127.0.0.1:1/x\"}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(github.app(1001).webhookUrl()).isEqualTo("http://127.0.0.1:9000/webhooks");
  }

  @Test
  void setWebhook_fromJava_isWhatTheApiShows() {
    github.app(1001).setWebhook("http://127.0.0.1:4567/hooks", null);

    Http.Reply reply = appHttp().get("/app/hook/config");

    assertThat(reply.json.get("url").asText()).isEqualTo("http://127.0.0.1:4567/hooks");
    assertThat(reply.json.get("secret").isNull()).isTrue();
  }

  private static Http appHttp() {
    return Http.at(github.baseUrl()).bearer(Tokens.jwt(github.emulator(), 1001));
  }
}
