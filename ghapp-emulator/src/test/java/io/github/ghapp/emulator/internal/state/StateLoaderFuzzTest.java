package io.github.ghapp.emulator.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The state loader reads any YAML or JSON text into the emulator's state or refuses it with the
 * {@link IllegalArgumentException} its Javadoc promises: one line saying where and what is wrong.
 * Any other exception is a finding. Key files resolve in a temporary directory holding {@code
 * app.pem} (generated for these tests); an input naming a key file with a path separator is
 * skipped, so that fuzzing never writes outside it (the state file is the user's own, trusted as to
 * where its keys are).
 *
 * <p>Corpus: {@code
 * src/test/resources/io/github/ghapp/emulator/internal/state/StateLoaderFuzzTestInputs/}.
 */
class StateLoaderFuzzTest {
  private static final Instant NOW = Instant.parse("2024-11-25T00:00:00Z");
  private static Path keys;

  @BeforeAll
  static void keyDirectory() throws IOException {
    keys = Files.createTempDirectory("ghapp-state-fuzz");
    Files.writeString(keys.resolve("app.pem"), StateLoader.generatedKey().privateKeyPem());
  }

  @AfterAll
  static void removeKeyDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(keys)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @FuzzTest(maxDuration = "90s")
  void loadText_anyText_loadsOrSaysWhatIsWrongInOneLine(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    if (text.contains("key_file") && (text.contains("/") || text.contains("\\"))) {
      return;
    }
    EmulatorState state = new EmulatorState(new GitRepositories(keys.resolve("git")), () -> NOW);

    try {
      new StateLoader(state, keys, () -> NOW).loadText(text);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
    }
  }
}
