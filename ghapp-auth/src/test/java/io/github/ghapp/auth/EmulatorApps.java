package io.github.ghapp.auth;

import io.github.ghapp.emulator.EmulatedApp;
import io.github.ghapp.emulator.GitHubEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Apps wired to an emulator, and raw HTTP for checking what a token can reach without ghapp's help.
 */
final class EmulatorApps {
  static final long APP_ID = 1001;
  static final long ORG_INSTALLATION = 42;
  static final long USER_INSTALLATION = 43;
  private static final HttpClient RAW = HttpClient.newHttpClient();

  private EmulatorApps() {}

  /** The demo app, on the emulator's clock, with nothing else set: tests add what they need. */
  static GitHubAppBuilder builder(GitHubEmulator emu) {
    EmulatedApp app = emu.app(APP_ID);
    return GitHubApp.builder()
        .clientId(app.clientId())
        .privateKey(app.privateKeyPem())
        .baseUrl(emu.baseUrl())
        .clock(emu.clock());
  }

  /** The demo app with millisecond backoffs, so retry tests stay fast. */
  static GitHubApp app(GitHubEmulator emu) {
    return builder(emu).retryBackoff(Duration.ofMillis(5)).deadline(Duration.ofSeconds(20)).build();
  }

  /** The status of {@code GET path} sent with {@code token} alone. */
  static int statusWithToken(GitHubEmulator emu, String path, String token) {
    return send(emu, "GET", path, token);
  }

  static int send(GitHubEmulator emu, String method, String path, String token) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(emu.baseUrl() + path))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/vnd.github+json")
              .build();
      return RAW.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
