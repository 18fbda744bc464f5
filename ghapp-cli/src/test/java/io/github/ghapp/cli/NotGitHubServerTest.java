package io.github.ghapp.cli;

import static io.github.ghapp.cli.UserMistakesTest.assertOneLine;

import com.sun.net.httpserver.HttpServer;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (security review #11): a server that is not GitHub's API (a captive portal's page, a
 * plain web server's 404) gave nonsense such as "the app is not installed". The CLI says what
 * answered, and exits 3 as for a server it could not use, not 1 as for GitHub's refusal.
 */
class NotGitHubServerTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  HttpServer portal;

  @BeforeEach
  void startPortal() throws IOException {
    portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    portal.createContext(
        "/",
        exchange -> {
          byte[] page =
              "<html><body>Please sign in to the Wi-Fi</body></html>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    portal.start();
  }

  @AfterEach
  void stopPortal() {
    portal.stop(0);
  }

  @Test
  void token_fromACaptivePortal_saysTheServerIsNotGitHubsApiAndExits3() {
    String portalUrl = "http://127.0.0.1:" + portal.getAddress().getPort();

    Cli.Result result =
        Cli.demoApp(github.emulator(), home)
            .env("GHAPP_BASE_URL", portalUrl)
            .run("token", "--repo", "octo-org/hello-world");

    assertOneLine(
        result,
        ExitCodes.UNAVAILABLE,
        "127.0.0.1:" + portal.getAddress().getPort(),
        "did not answer as GitHub's API does",
        "text/html");
  }
}
