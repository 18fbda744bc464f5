package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.internal.DemoState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's state file example is the format's documentation, copied by users: it is read from
 * the README itself here, so that the two cannot drift apart. It must load exactly as written,
 * describe the state the README and the issue say, and be the demo state.
 */
class ReadmeStateExampleTest {

  /** The first {@code ```yaml} block of the README's section "The state file". */
  private static String example() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("## The state file");
    assertThat(section).as("the README has a section 'The state file'").isNotNegative();
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(section)).as("a ```yaml block in that section").isTrue();
    return block.group(1);
  }

  @Test
  void readmeExample_loadsAsWritten_withTheAppsAccountsAndInstallationsItShows()
      throws IOException {
    try (GitHubEmulator emu = GitHubEmulator.builder().stateYaml(example()).build().start()) {
      EmulatedApp app = emu.app(1001);
      assertThat(app.clientId()).isEqualTo("Iv23liDemo");
      assertThat(app.slug()).isEqualTo("octo-app");
      assertThat(app.webhookUrl()).isEqualTo("http://127.0.0.1:9000/webhooks");
      assertThat(emu.dataDirectory().resolve("octo-app.pem"))
          .as("the missing key file is generated")
          .exists();

      Http.Reply selected = Tokens.mintReply(emu, 42, "{}");
      assertThat(selected.json.get("repository_selection").asText()).isEqualTo("selected");
      assertThat(selected.json.get("repositories").findValuesAsText("full_name"))
          .containsExactly("octo-org/hello-world", "octo-org/docs");
      assertThat(selected.json.get("permissions").toString())
          .isEqualTo("{\"contents\":\"read\",\"issues\":\"write\",\"metadata\":\"read\"}");

      Http.Reply all = Tokens.mintReply(emu, 43, "{}");
      assertThat(all.json.get("repository_selection").asText()).isEqualTo("all");
      assertThat(all.json.get("permissions").toString())
          .as("an installation without permissions has its app's")
          .isEqualTo("{\"contents\":\"write\",\"issues\":\"write\",\"metadata\":\"read\"}");
      String token = all.json.get("token").asText();
      assertThat(
              Http.at(emu.baseUrl())
                  .token(token)
                  .get("/installation/repositories")
                  .json
                  .get("repositories")
                  .findValuesAsText("full_name"))
          .containsExactly("octocat/spoon-knife");
      assertThat(emu.gitDirectory("octo-org", "secret-plans")).exists();
    }
  }

  @Test
  void readmeExample_isTheDemoState() throws IOException {
    String demoWithoutItsHeader =
        DemoState.yaml()
            .lines()
            .filter(line -> !line.startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));

    assertThat(example()).isEqualTo(demoWithoutItsHeader);
  }
}
