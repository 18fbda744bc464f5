package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad state file is refused at start with one line saying where the mistake is (the file, then
 * e.g. {@code installations[0] (id 2)}), what is wrong and what would be right, so that it can be
 * fixed without reading the emulator's code.
 */
class StateFileMistakesTest {

  private static final String APP = "apps:\n  - {id: 1, slug: a, permissions: {issues: read}}\n";
  private static final String ACCOUNT =
      "accounts:\n  - {login: me, type: User, repositories: [r]}\n";

  @TempDir Path dir;

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            "unknown key in an app",
            "apps:\n  - {id: 1, slug: a, permisions: {issues: read}}\n",
            "apps[0] (id 1): unknown key 'permisions'; known keys: [client_id, description, events, id, "
                + "name, owner, permissions, private_key_file, public_key_file, slug, webhook]; "
                + "correct its spelling or remove it"),
        Arguments.of(
            "unknown key at the top",
            "app: []\n",
            "unknown key 'app'; known keys: [accounts, apps, installations]; correct its spelling or "
                + "remove it"),
        Arguments.of(
            "unknown key in an installation",
            APP
                + ACCOUNT
                + "installations:\n  - {id: 2, app: 1, account: me, repository_selecton: all}\n",
            "installations[0] (id 2): unknown key 'repository_selecton'; known keys: [account, app, events, "
                + "id, permissions, repositories, repository_selection, suspended]; correct its "
                + "spelling or remove it"),
        Arguments.of(
            "id not a number",
            "apps:\n  - {id: abc, slug: a}\n",
            "apps[0] (id abc): 'id' must be a positive integer, not \"abc\""),
        Arguments.of(
            "id missing",
            "apps:\n  - {slug: a}\n",
            "apps[0]: 'id' is missing; give a positive integer"),
        Arguments.of(
            "boolean that is not one",
            APP
                + ACCOUNT
                + "installations:\n  - {id: 2, app: 1, account: me, suspended: \"maybe\"}\n",
            "installations[0] (id 2): 'suspended' must be true or false, not \"maybe\""),
        Arguments.of(
            "repository's private flag that is not a boolean",
            "accounts:\n  - {login: me, type: User, repositories: [{name: r, private: \"no\"}]}\n",
            "accounts[0] (login me): repository r: 'private' must be true or false, not \"no\""),
        Arguments.of(
            "repositories not a list",
            "accounts:\n  - {login: me, type: User, repositories: r}\n",
            "accounts[0] (login me): 'repositories' must be a list such as [hello-world, {name: site, "
                + "private: false}], not \"r\""),
        Arguments.of(
            "apps not a list",
            "apps: {id: 1}\n",
            "'apps' must be a list such as [{id: 1001, slug: my-app}], not {\"id\":1}"),
        Arguments.of(
            "an app that is not a mapping",
            "apps:\n  - octo-app\n",
            "apps[0]: must be a mapping such as {id: 1001, slug: my-app}, not \"octo-app\""),
        Arguments.of(
            "permissions not a mapping",
            "apps:\n  - {id: 1, slug: a, permissions: [issues]}\n",
            "apps[0] (id 1): 'permissions' must be a mapping such as {contents: read}, not [\"issues\"]"),
        Arguments.of(
            "permission level unknown",
            "apps:\n  - {id: 1, slug: a, permissions: {issues: owner}}\n",
            "apps[0] (id 1): permissions: permission 'issues' has level 'owner'; use read, write or admin"),
        Arguments.of(
            "account type unknown",
            "accounts:\n  - {login: me, type: Robot}\n",
            "accounts[0] (login me): unknown account type 'Robot': use \"User\" or \"Organization\""),
        Arguments.of(
            "installation of an app that does not exist",
            ACCOUNT + "installations:\n  - {id: 2, app: 1, account: me}\n",
            "installations[0] (id 2): app 1 does not exist; create it first or install one of the apps []"),
        Arguments.of(
            "installation on an account that does not exist",
            APP + "installations:\n  - {id: 2, app: 1, account: you}\n",
            "installations[0] (id 2): account 'you' does not exist; create it first or install on one of "
                + "the accounts []"),
        Arguments.of(
            "installation naming a repository its account does not own",
            APP
                + ACCOUNT
                + "installations:\n  - {id: 2, app: 1, account: me, repositories: [r, nope]}\n",
            "installations[0] (id 2): installation 2 names repository 'nope', which me does not own; "
                + "create it or add it to the account"),
        Arguments.of(
            "installation with more permissions than its app",
            APP
                + ACCOUNT
                + "installations:\n  - {id: 2, app: 1, account: me, permissions: {issues: write}}\n",
            "installations[0] (id 2): installation 2 has permissions {issues=write, metadata=read} beyond "
                + "its app's {issues=read, metadata=read}; an installation can only hold what its app "
                + "requests"),
        Arguments.of(
            "two apps with one id",
            "apps:\n  - {id: 1, slug: a}\n  - {id: 1, slug: b}\n",
            "apps[1] (id 1): an app with id 1 already exists; choose another id"),
        Arguments.of(
            "two installations with one id",
            APP
                + ACCOUNT
                + "  - {login: you, type: User}\n"
                + "installations:\n  - {id: 2, app: 1, account: me}\n  - {id: 2, app: 1, account: you}\n",
            "installations[1] (id 2): installation id 2 is already used; choose another id"),
        Arguments.of(
            "two accounts with one login",
            "accounts:\n  - {login: me, type: User}\n" + "  - {login: ME, type: Organization}\n",
            "accounts[1] (login ME): account 'ME' already exists; logins are unique, whatever their case"),
        Arguments.of(
            "a repository listed twice",
            "accounts:\n  - {login: me, type: User, repositories: [r, R]}\n",
            "accounts[0] (login me): repository me/R already exists; an account's repository names are "
                + "unique, whatever their case"),
        Arguments.of(
            "webhook url that is not one",
            "apps:\n  - {id: 1, slug: a, webhook: {url: \"localhost:3000\"}}\n",
            "apps[0] (id 1): webhook url 'localhost:3000' must be an absolute http or https URL, e.g. "
                + "http://127.0.0.1:3000/api/github/webhooks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void stateText_withAMistake_isRefusedWithOneLineSayingWhereWhatAndHow(
      String mistake, String yaml, String message) {
    assertThatThrownBy(() -> GitHubEmulator.builder().stateYaml(yaml).build().start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the emulator state: " + message);
  }

  @Test
  void stateFile_withAMistake_isNamedInTheMessage() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("state.yaml"), "apps:\n  - {id: 1, slug: a, permisions: {}}\n");

    assertThatThrownBy(() -> GitHubEmulator.builder().state(file).build().start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            file.toAbsolutePath() + ": apps[0] (id 1): unknown key 'permisions'");
  }

  @Test
  void keyFile_thatDoesNotExist_orHoldsNoKey_isNamedWithWhereItWasLookedFor() throws IOException {
    Path state =
        Files.writeString(
            dir.resolve("state.yaml"), "apps:\n  - {id: 1, slug: a, public_key_file: a.pub}\n");

    assertThatThrownBy(() -> GitHubEmulator.builder().state(state).build().start())
        .hasMessage(
            state.toAbsolutePath()
                + ": apps[0] (id 1): public_key_file "
                + dir.resolve("a.pub")
                + " does not exist; give the path of a PEM file (relative paths are resolved in "
                + dir
                + ")");

    Files.writeString(dir.resolve("a.pub"), "not a key\n");
    assertThatThrownBy(() -> GitHubEmulator.builder().state(state).build().start())
        .hasMessage(
            state.toAbsolutePath()
                + ": apps[0] (id 1): public_key_file "
                + dir.resolve("a.pub")
                + ": expected a public key in PEM format (-----BEGIN ...-----)");
  }

  @Test
  void syntaxErrorsAndRepeatedKeys_areRefusedInOneLineWithTheirPosition() {
    IllegalArgumentException syntax =
        catchThrowableOfType(
            () -> GitHubEmulator.builder().stateYaml("apps: [\n  {id: 1\n").build().start(),
            IllegalArgumentException.class);
    IllegalArgumentException repeated =
        catchThrowableOfType(
            () ->
                GitHubEmulator.builder()
                    .stateYaml("apps:\n  - {id: 1, slug: a, id: 2}\n")
                    .build()
                    .start(),
            IllegalArgumentException.class);

    assertThat(syntax.getMessage())
        .startsWith("the emulator state is not valid YAML or JSON (line ")
        .contains("expected ',' or '}'")
        .doesNotContain("\n");
    assertThat(repeated.getMessage())
        .startsWith("the emulator state is not valid YAML or JSON (line 2, column ")
        .contains("Duplicate field 'id'")
        .doesNotContain("\n");
  }
}
