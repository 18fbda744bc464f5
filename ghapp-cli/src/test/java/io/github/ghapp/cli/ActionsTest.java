package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** GitHub Actions: {@code token --format actions} and {@code revoke --if-valid}. */
class ActionsTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  @TempDir Path home;
  GitHubEmulator emulator;
  Cli cli;

  @BeforeEach
  void setUp() {
    emulator = github.emulator();
    cli = Cli.demoApp(emulator, home);
  }

  @Test
  void tokenFormatActions_printsOnlyTheMaskAndAppendsEveryOutputToGithubOutput() throws Exception {
    Path outputs = home.resolve("github_output");
    Files.writeString(outputs, "earlier=step\n");

    Cli.Result result =
        cli.env("GITHUB_OUTPUT", outputs.toString())
            .run("token", "--owner", "octo-org", "--format", "actions");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode token =
        new ObjectMapper()
            .readTree(cli.run("token", "--owner", "octo-org", "--format", "json").out());
    String secret = token.get("token").asText();
    long bot = emulator.app(1001).botUserId();
    assertThat(result.out()).isEqualTo("::add-mask::" + secret + "\n");
    assertThat(result.err()).isEmpty();
    assertThat(Files.readAllLines(outputs))
        .containsExactly(
            "earlier=step",
            "token=" + secret,
            "installation-id=42",
            "app-slug=octo-app",
            "expires-at=" + token.get("expires_at").asText(),
            "bot-name=octo-app[bot]",
            "bot-email=" + bot + "+octo-app[bot]@users.noreply.github.com",
            "bot-user-id=" + bot);
  }

  @Test
  void tokenFormatActions_withoutGithubOutput_printsTheMaskBeforeTheOutputs() {
    Cli.Result result = cli.run("token", "--owner", "octocat", "--format", "actions");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    String secret = lines.get(0).substring("::add-mask::".length());
    assertThat(lines.get(0)).startsWith("::add-mask::ghs_");
    assertThat(lines.subList(1, lines.size()))
        .contains("token=" + secret, "installation-id=43", "bot-name=octo-app[bot]");
  }

  @Test
  void outputs_withALineBreak_useTheHeredocSyntaxAndOthersStayOnOneLine() {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("plain", "a=b");
    outputs.put("notes", "one\ntwo");

    String text = ActionsOutput.lines(outputs);

    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("plain=a=b");
    assertThat(lines.get(1)).matches("notes<<ghadelimiter_[0-9a-f-]{36}");
    String delimiter = lines.get(1).substring("notes<<".length());
    assertThat(lines.subList(2, 5)).containsExactly("one", "two", delimiter);
  }

  @Test
  void revokeIfValid_ofATokenAlreadyRevoked_succeedsWithOneLine() {
    String token = cli.run("token", "--owner", "octocat", "--no-cache").out().strip();
    assertThat(cli.stdin(token).run("revoke", "--if-valid", "-").out()).startsWith("Revoked ");

    Cli.Result again = cli.stdin(token).run("revoke", "--if-valid", "-");
    Cli.Result strict = cli.stdin(token).run("revoke", "-");

    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).isEmpty();
    assertThat(again.out().lines().toList())
        .singleElement()
        .asString()
        .startsWith("Nothing to revoke: GitHub no longer accepts ")
        .doesNotContain(token);
    assertThat(strict.exitCode()).as("without --if-valid it may be a typo").isEqualTo(1);
  }
}
