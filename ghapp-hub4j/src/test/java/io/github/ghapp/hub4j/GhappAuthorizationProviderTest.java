package io.github.ghapp.hub4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ghapp.auth.GitHubApp;
import io.github.ghapp.auth.GitHubAppBuilder;
import io.github.ghapp.auth.GitHubClient;
import io.github.ghapp.auth.NotFoundException;
import io.github.ghapp.auth.TokenProvider;
import io.github.ghapp.emulator.CredentialKind;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;

/** hub4j's real client against the emulator, with ghapp's tokens and with hub4j's own provider. */
class GhappAuthorizationProviderTest {
  private static final long APP_ID = 1001;
  private static final long INSTALLATION_ID = 42;

  /** Shared: each test builds its own app (its own token cache) and reads the log it cleared. */
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @Test
  void hub4jClient_readsARepositoryAndComments_asTheInstallationWithOneMint() throws IOException {
    emu().clearRequests();
    GitHub gh = hub4j(GhappAuthorizationProvider.of(tokens()));

    GHRepository repo = gh.getRepository("octo-org/hello-world");
    GHIssue issue = repo.createIssue("Found a bug").body("Steps...").create();
    GHIssueComment comment = issue.comment("Thanks, looking into it");

    assertThat(repo.getFullName()).isEqualTo("octo-org/hello-world");
    assertThat(comment.getBody()).isEqualTo("Thanks, looking into it");
    assertThat(comment.getUser().getLogin()).isEqualTo("octo-app[bot]");
    assertThat(emu().requests()).filteredOn(RecordedRequest::isMint).hasSize(1);
    assertThat(emu().requests())
        .filteredOn(r -> !r.isMint())
        .extracting(RecordedRequest::credential)
        .containsOnly(CredentialKind.INSTALLATION_TOKEN);
  }

  @Test
  void afterTheTokenExpires_requestsStillSucceed_withOneNewMint() throws IOException {
    GitHub gh = hub4j(GhappAuthorizationProvider.of(tokens()));
    gh.getRepository("octo-org/hello-world");
    emu().clearRequests();

    emu().clock().advance(Duration.ofMinutes(61));
    for (int i = 0; i < 3; i++) {
      gh.getRepository("octo-org/hello-world");
    }

    assertThat(emu().requests()).filteredOn(RecordedRequest::isMint).hasSize(1);
    assertThat(emu().requests())
        .filteredOn(r -> !r.isMint())
        .extracting(RecordedRequest::status)
        .containsExactly(200, 200, 200);
  }

  @Test
  void aRefresh_costsGhappOneRequest_andHub4jsOwnProviderThree() throws IOException {
    GitHub withGhapp = hub4j(GhappAuthorizationProvider.of(tokens()));
    withGhapp.getRepository("octo-org/hello-world");
    emu().clock().advance(Duration.ofMinutes(61));
    emu().clearRequests();
    withGhapp.getRepository("octo-org/hello-world");
    List<String> ghappRefresh = appRequests();

    // hub4j's provider takes a token with less than 5 minutes left as expired, and reads
    // Instant.now(), not the emulator's clock: tokens that live 4 minutes make every call refresh.
    emu().clock().set(Instant.now());
    emu().faults().tokenLifetime(Duration.ofMinutes(4));
    JWTTokenProvider jwt =
        new JWTTokenProvider(Long.toString(APP_ID), emu().app(APP_ID).privateKey());
    GitHub withHub4j =
        hub4j(
            new AppInstallationAuthorizationProvider(
                app -> app.getInstallationById(INSTALLATION_ID), jwt));
    withHub4j.getRepository("octo-org/hello-world");
    emu().clearRequests();
    withHub4j.getRepository("octo-org/hello-world");
    List<String> hub4jRefresh = appRequests();

    assertThat(ghappRefresh).containsExactly("POST /app/installations/42/access_tokens");
    assertThat(hub4jRefresh)
        .containsExactly(
            "GET /app", "GET /app/installations/42", "POST /app/installations/42/access_tokens");
  }

  @Test
  void aTokenRevokedBehindGhappsBack_withTheConnector_isRenewedAndTheReadRetriedOnce()
      throws IOException {
    TokenProvider tokens = tokens();
    GhappAuthorizationProvider auth = GhappAuthorizationProvider.of(tokens);
    GitHub gh = hub4j(auth, auth.connector(GitHubConnector.DEFAULT));
    gh.getRepository("octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().clearRequests();

    GHRepository repo = gh.getRepository("octo-org/hello-world");

    assertThat(repo.getFullName()).isEqualTo("octo-org/hello-world");
    assertThat(log())
        .containsExactly(
            "GET /repos/octo-org/hello-world 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 200 INSTALLATION_TOKEN");
  }

  @Test
  void aWriteWithARevokedToken_isRetriedByHub4j_withTheFreshToken() throws IOException {
    TokenProvider tokens = tokens();
    GhappAuthorizationProvider auth = GhappAuthorizationProvider.of(tokens);
    GitHub gh = hub4j(auth, auth.connector(GitHubConnector.DEFAULT));
    GHRepository repo = gh.getRepository("octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().clearRequests();

    GHIssue issue = repo.createIssue("Found a bug").create();

    assertThat(issue.getTitle()).isEqualTo("Found a bug");
    assertThat(log())
        .containsExactly(
            "POST /repos/octo-org/hello-world/issues 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "POST /repos/octo-org/hello-world/issues 201 INSTALLATION_TOKEN");
  }

  @Test
  void withoutTheConnector_aRevokedTokenKeepsFailing_becauseGhappStillHoldsIt() throws IOException {
    TokenProvider tokens = tokens();
    GitHub gh = hub4j(GhappAuthorizationProvider.of(tokens));
    gh.getRepository("octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().clearRequests();

    assertThatThrownBy(() -> gh.getRepository("octo-org/hello-world"))
        .isInstanceOf(HttpException.class);

    assertThat(log()).containsExactly("GET /repos/octo-org/hello-world 401 INVALID");
  }

  @Test
  void aReplacementRefusedToo_isKept_soHub4jGivesUpAfterOneRetryAndOneMint() throws IOException {
    TokenProvider tokens = tokens();
    GhappAuthorizationProvider auth = GhappAuthorizationProvider.of(tokens);
    GitHub gh = hub4j(auth, auth.connector(GitHubConnector.DEFAULT));
    gh.getRepository("octo-org/hello-world");
    GitHubClient.revoke(emu().baseUrl(), tokens.token());
    emu().faults().replicationLag(Duration.ofMinutes(10)); // the new token is refused as well
    emu().clearRequests();

    assertThatThrownBy(() -> gh.getRepository("octo-org/hello-world"))
        .isInstanceOf(HttpException.class);

    assertThat(log())
        .containsExactly(
            "GET /repos/octo-org/hello-world 401 INVALID",
            "POST /app/installations/42/access_tokens 201 JWT",
            "GET /repos/octo-org/hello-world 401 INVALID");
  }

  @Test
  void aTokenGhappCannotGet_isAnIOException_withGhappsErrorAsItsCause() {
    GitHubApp app = appBuilder().build();
    GhappAuthorizationProvider provider = GhappAuthorizationProvider.of(app.tokenProvider(99));

    assertThatThrownBy(provider::getEncodedAuthorization)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("ghapp could not get an installation token: ")
        .cause()
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void encodedAuthorization_isTheCachedToken_andToStringHidesIt() throws IOException {
    TokenProvider tokens = tokens();
    GhappAuthorizationProvider provider = GhappAuthorizationProvider.of(tokens);

    String header = provider.getEncodedAuthorization();

    assertThat(header).isEqualTo("token " + tokens.token());
    assertThat(provider.getEncodedAuthorization()).isSameAs(header);
    assertThat(provider.toString()).doesNotContain(tokens.token());
  }

  private GitHubEmulator emu() {
    return github.emulator();
  }

  private GitHubAppBuilder appBuilder() {
    return GitHubApp.builder()
        .appId(APP_ID)
        .privateKey(emu().app(APP_ID).privateKeyPem())
        .baseUrl(emu().baseUrl())
        .clock(emu().clock());
  }

  private TokenProvider tokens() {
    return appBuilder().build().tokenProvider(INSTALLATION_ID);
  }

  private GitHub hub4j(AuthorizationProvider authorization) throws IOException {
    return hub4j(authorization, GitHubConnector.DEFAULT);
  }

  private GitHub hub4j(AuthorizationProvider authorization, GitHubConnector connector)
      throws IOException {
    return new GitHubBuilder()
        .withEndpoint(emu().baseUrl().toString())
        .withAuthorizationProvider(authorization)
        .withConnector(connector)
        .build();
  }

  /** What the emulator saw since the log was cleared: method, path, status and credential. */
  private List<String> log() {
    return emu().requests().stream()
        .map(r -> r.method() + " " + r.path() + " " + r.status() + " " + r.credential())
        .toList();
  }

  /** The requests made as the app (JWT) since the log was cleared: what a refresh cost. */
  private List<String> appRequests() {
    return emu().requests().stream()
        .filter(r -> r.credential() == CredentialKind.JWT)
        .map(r -> r.method() + " " + r.path())
        .toList();
  }
}
