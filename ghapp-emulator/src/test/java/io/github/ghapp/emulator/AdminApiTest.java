package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code /_emulator/} admin API builds a whole GitHub from nothing, over HTTP. */
class AdminApiTest {

  @RegisterExtension
  static final GitHubEmulatorExtension github =
      GitHubEmulatorExtension.fromState("empty-state.yaml");

  private Http admin() {
    return Http.admin(github.emulator());
  }

  private JsonNode created(Http.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json;
  }

  @Test
  void createEverything_thenMintWithTheReturnedPrivateKey() {
    JsonNode app =
        created(
            admin()
                .post(
                    "/_emulator/apps",
                    "{\"id\": 7, \"slug\": \"admin-app\", \"permissions\": {\"contents\": \"read\"}, \"events\": [\"push\"]}"));
    assertThat(app.get("private_key_pem").asText()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(app.get("client_id").asText()).isNotEmpty();
    created(
        admin().post("/_emulator/accounts", "{\"login\": \"acme\", \"type\": \"Organization\"}"));
    JsonNode repository =
        created(
            admin()
                .post(
                    "/_emulator/repositories",
                    "{\"owner\": \"acme\", \"name\": \"rockets\", \"private\": true}"));
    assertThat(repository.get("full_name").asText()).isEqualTo("acme/rockets");
    JsonNode installation =
        created(
            admin()
                .post(
                    "/_emulator/installations",
                    "{\"id\": 77, \"app\": 7, \"account\": \"acme\", \"repositories\": [\"rockets\"]}"));
    assertThat(installation.get("repository_selection").asText()).isEqualTo("selected");

    String jwt =
        Jwts.forApp(app.get("private_key_pem").asText(), 7, github.emulator().clock().instant());
    Http.Reply minted =
        Http.at(github.baseUrl()).bearer(jwt).post("/app/installations/77/access_tokens", "{}");

    assertThat(minted.status()).isEqualTo(201);
    assertThat(minted.json.get("permissions").toString())
        .isEqualTo("{\"contents\":\"read\",\"metadata\":\"read\"}");
    assertThat(minted.json.get("repositories").get(0).get("full_name").asText())
        .isEqualTo("acme/rockets");
  }

  @Test
  void addKey_returnsANewWorkingKey() {
    created(admin().post("/_emulator/apps", "{\"id\": 8, \"slug\": \"rotating\"}"));

    JsonNode key = created(admin().post("/_emulator/apps/8/keys", ""));

    String jwt =
        Jwts.forApp(key.get("private_key_pem").asText(), 8, github.emulator().clock().instant());
    assertThat(Http.at(github.baseUrl()).bearer(jwt).get("/app").status()).isEqualTo(200);
  }

  @Test
  void suspendAndUnsuspend_changeTheInstallation() {
    created(
        admin()
            .post(
                "/_emulator/apps",
                "{\"id\": 9, \"slug\": \"susp\", \"permissions\": {\"issues\": \"read\"}}"));
    created(admin().post("/_emulator/accounts", "{\"login\": \"someone\", \"type\": \"User\"}"));
    created(
        admin()
            .post(
                "/_emulator/installations", "{\"id\": 99, \"app\": 9, \"account\": \"someone\"}"));

    Http.Reply suspended = admin().post("/_emulator/installations/99/suspend", "");
    assertThat(suspended.json.get("suspended_at").isNull()).isFalse();
    Http.Reply unsuspended = admin().post("/_emulator/installations/99/unsuspend", "");
    assertThat(unsuspended.json.get("suspended_at").isNull()).isTrue();
  }

  @Test
  void clock_canBeReadAdvancedAndSet() {
    Instant before = Instant.parse(admin().get("/_emulator/clock").json.get("now").asText());

    Instant advanced =
        Instant.parse(
            admin()
                .post("/_emulator/clock", "{\"advance_seconds\": 3600}")
                .json
                .get("now")
                .asText());
    assertThat(advanced).isAfterOrEqualTo(before.plusSeconds(3600));

    Http.Reply set = admin().post("/_emulator/clock", "{\"set\": \"2031-05-06T07:08:09Z\"}");
    assertThat(Instant.parse(set.json.get("now").asText()))
        .isBetween(Instant.parse("2031-05-06T07:08:09Z"), Instant.parse("2031-05-06T07:09:09Z"));
    admin().post("/_emulator/clock", "{\"set\": \"" + before + "\"}");
  }

  @Test
  void requests_listTheApiRequestsButNotTheAdminOnes_andCanBeCleared() {
    admin().delete("/_emulator/requests");
    Http.at(github.baseUrl()).get("/meta");
    Http.at(github.baseUrl()).token("ghs_unknown").get("/installation/repositories");

    JsonNode log = admin().get("/_emulator/requests").json;

    assertThat(log).hasSize(2);
    assertThat(log.get(0).get("path").asText()).isEqualTo("/meta");
    assertThat(log.get(0).get("credential").asText()).isEqualTo("NONE");
    assertThat(log.get(1).get("credential").asText()).isEqualTo("INVALID");
    assertThat(log.get(1).get("status").asInt()).isEqualTo(401);
    assertThat(admin().delete("/_emulator/requests").status()).isEqualTo(204);
    assertThat(admin().get("/_emulator/requests").json).isEmpty();
  }

  @Test
  void faults_canBeInjectedAndCleared() {
    assertThat(
            admin()
                .post("/_emulator/faults", "{\"fail\": {\"count\": 1, \"status\": 503}}")
                .status())
        .isEqualTo(204);
    assertThat(Http.at(github.baseUrl()).get("/meta").status()).isEqualTo(503);

    admin()
        .post(
            "/_emulator/faults",
            "{\"fail\": {\"count\": 3, \"status\": 500}, \"clock_offset_seconds\": 60}");
    assertThat(admin().delete("/_emulator/faults").status()).isEqualTo(204);
    assertThat(Http.at(github.baseUrl()).get("/meta").status()).isEqualTo(200);
  }

  @Test
  void faults_ofEveryKind_canBeInjectedOverHttp() {
    String pem =
        created(
                admin()
                    .post(
                        "/_emulator/apps",
                        "{\"id\": 11, \"slug\": \"faulty\", \"permissions\": {\"issues\": \"read\"}}"))
            .get("private_key_pem")
            .asText();
    created(
        admin()
            .post(
                "/_emulator/accounts", "{\"login\": \"faulty-org\", \"type\": \"Organization\"}"));
    created(
        admin()
            .post(
                "/_emulator/installations",
                "{\"id\": 111, \"app\": 11, \"account\": \"faulty-org\"}"));
    Http api = Http.at(github.baseUrl());

    assertThat(
            admin()
                .post("/_emulator/faults", "{\"delay\": {\"count\": 1, \"millis\": 200}}")
                .status())
        .isEqualTo(204);
    long start = System.nanoTime();
    assertThat(api.get("/meta").status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("held at least the delay")
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));

    admin().post("/_emulator/faults", "{\"replication_lag_seconds\": 30}");
    String token = mint(pem, 11, 111);
    JwtAuthenticationTest.assertRefused(
        api.token(token).get("/installation/repositories"), 401, "Bad credentials");
    admin().post("/_emulator/clock", "{\"advance_seconds\": 30}");
    assertThat(api.token(token).get("/installation/repositories").status()).isEqualTo(200);

    admin()
        .post(
            "/_emulator/faults",
            "{\"exhaust_rate_limit\": {\"installation\": 111, \"status\": 429}}");
    Http.Reply spent = api.token(token).get("/installation/repositories");
    assertThat(spent.status()).isEqualTo(429);
    assertThat(spent.header("x-ratelimit-remaining")).isEqualTo("0");

    admin().post("/_emulator/faults", "{\"clock_offset_seconds\": 900}");
    assertThat(admin().get("/_emulator/clock").json.get("clock_offset_seconds").asDouble())
        .isEqualTo(900);
    Http.Reply late =
        api.bearer(Jwts.forApp(pem, 11, github.emulator().clock().instant())).get("/app");
    assertThat(late.message())
        .startsWith("'Expiration time' claim ('exp') must be a numeric value");

    admin().post("/_emulator/faults", "{\"fail\": {\"count\": 1, \"status\": 504}}");
    assertThat(api.get("/meta").status()).isEqualTo(504);

    assertThat(admin().delete("/_emulator/faults").status()).isEqualTo(204);
    assertThat(api.token(token).get("/installation/repositories").status()).isEqualTo(200);
    assertThat(admin().get("/_emulator/clock").json.get("clock_offset_seconds").asDouble())
        .isZero();
  }

  private String mint(String pem, long appId, long installationId) {
    String jwt = Jwts.forApp(pem, appId, github.emulator().clock().instant());
    Http.Reply minted =
        Http.at(github.baseUrl())
            .bearer(jwt)
            .post("/app/installations/" + installationId + "/access_tokens", "{}");
    return created(minted).get("token").asText();
  }

  @Test
  void badInput_isRefusedWithAMessageSayingWhatToFix() {
    Http.Reply missingSlug = admin().post("/_emulator/apps", "{}");
    assertThat(missingSlug.status()).isEqualTo(422);
    assertThat(missingSlug.message()).contains("slug");

    Http.Reply unknownOwner =
        admin().post("/_emulator/repositories", "{\"owner\": \"ghost\", \"name\": \"x\"}");
    assertThat(unknownOwner.status()).isEqualTo(422);
    assertThat(unknownOwner.message()).contains("'ghost' does not exist");

    Http.Reply unknownFault = admin().post("/_emulator/faults", "{\"explode\": true}");
    assertThat(unknownFault.message()).contains("unknown fault 'explode'");

    assertThat(admin().post("/_emulator/accounts", "{not json").status()).isEqualTo(400);
  }

  @Test
  void state_summarisesAppsAccountsAndInstallations() {
    created(admin().post("/_emulator/apps", "{\"id\": 10, \"slug\": \"summary\"}"));

    JsonNode state = admin().get("/_emulator/state").json;

    assertThat(state.get("apps").findValuesAsText("slug")).contains("summary");
    assertThat(state.has("accounts")).isTrue();
    assertThat(state.has("installations")).isTrue();
  }
}
