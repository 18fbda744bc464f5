package io.github.ghapp.emulator.internal.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found by StateLoaderFuzzTest: refusals are one line whatever the values they name hold. */
class StateLoaderTest {
  @TempDir Path keys;

  @Test
  void loadText_keyFileThatCannotBeWritten_isRefusedAsAStateMistake() {
    EmulatorState state =
        new EmulatorState(new GitRepositories(keys.resolve("git")), () -> Instant.EPOCH);
    String name = "k".repeat(300) + ".pem"; // longer than any file system's names

    assertThatThrownBy(
            () ->
                new StateLoader(state, keys, () -> Instant.EPOCH)
                    .loadText("apps: [{id: 1001, slug: a, private_key_file: " + name + "}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot write the generated private key")
        .hasMessageEndingWith("give private_key_file a path in a writable directory");
  }

  @Test
  void loadText_loginWithALineBreak_isRefusedInOneLine() {
    EmulatorState state =
        new EmulatorState(new GitRepositories(keys.resolve("git")), () -> Instant.EPOCH);
    StateLoader loader = new StateLoader(state, keys, () -> Instant.EPOCH);

    assertThatThrownBy(
            () -> loader.loadText("accounts: [{login: \"o\\nwith a line break\", type: User}]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account login 'o\\nwith a line break' is not valid")
        .message()
        .doesNotContain("\n");
  }
}
