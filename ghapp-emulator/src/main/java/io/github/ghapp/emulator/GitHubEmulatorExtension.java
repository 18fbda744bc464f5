package io.github.ghapp.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link GitHubEmulator} for JUnit 5 tests, on a random free port, and stops it cleanly.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GitHubEmulatorExtension github = GitHubEmulatorExtension.fromState("state.yaml");
 *
 * @Test
 * void mintsAToken() {
 *     URI api = github.baseUrl();
 *     String pem = github.app(1001).privateKeyPem();
 *     ...
 * }
 * }</pre>
 *
 * <p>By default one emulator serves the whole test class (register the extension in a {@code
 * static} field); {@link #freshPerTest()} starts a new one, with fresh state, before every test. In
 * shared mode the injected {@linkplain GitHubEmulator#faults() faults} are cleared after each test,
 * so that one test's "fail the next 3 requests" cannot leak into the next; state, clock and request
 * log are shared as the mode says. Registered in an instance field, the extension behaves as {@code
 * freshPerTest()}.
 */
public final class GitHubEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Consumer<GitHubEmulator.Builder> state;
  private Consumer<GitHubEmulator.Builder> options = builder -> {};
  private boolean freshPerTest;
  private volatile GitHubEmulator emulator;
  private boolean startedForClass;

  private GitHubEmulatorExtension(Consumer<GitHubEmulator.Builder> state) {
    this.state = state;
  }

  /** The demo state (see {@link GitHubEmulator.Builder#demoState()}). */
  public static GitHubEmulatorExtension demo() {
    return new GitHubEmulatorExtension(GitHubEmulator.Builder::demoState);
  }

  /**
   * The state in a YAML or JSON file: a classpath resource if one has this name, else a file path.
   * Relative key files are resolved beside a state file (also a resource on the file system, e.g.
   * in {@code target/test-classes}); for a resource inside a jar, in the emulator's data directory.
   */
  public static GitHubEmulatorExtension fromState(String resourceOrFile) {
    Objects.requireNonNull(resourceOrFile, "resourceOrFile");
    return new GitHubEmulatorExtension(builder -> loadState(builder, resourceOrFile));
  }

  /** A new emulator, with fresh state, before every test instead of one per class. */
  public GitHubEmulatorExtension freshPerTest() {
    this.freshPerTest = true;
    return this;
  }

  /**
   * Further builder options, e.g. {@code .configure(b -> b.ghes(true).longTokens(true))}. The state
   * itself is chosen by the factory method.
   */
  public GitHubEmulatorExtension configure(Consumer<GitHubEmulator.Builder> options) {
    this.options = this.options.andThen(Objects.requireNonNull(options, "options"));
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!freshPerTest) {
      emulator = start();
      startedForClass = true;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!startedForClass) {
      emulator = start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedForClass) {
      emulator.faults().clear();
    } else {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (startedForClass) {
      stop();
      startedForClass = false;
    }
  }

  /** The running emulator. */
  public GitHubEmulator emulator() {
    GitHubEmulator current = emulator;
    if (current == null) {
      throw new IllegalStateException(
          "the emulator runs only while tests run; register the extension with "
              + "@RegisterExtension and use it from a test or a @BeforeEach/@BeforeAll method");
    }
    return current;
  }

  /**
   * Fails unless everything {@code installationId} did so far needed no more than {@code granted},
   * naming each endpoint that needed more: so that an App's test suite proves its manifest (or its
   * token requests) asks for enough, and fails when a change starts to need more.
   *
   * <pre>{@code
   * github.assertPermissionsUsedWithin(42, Map.of("issues", "write", "contents", "read"));
   * }</pre>
   *
   * @throws AssertionError naming what was needed beyond {@code granted}
   */
  public void assertPermissionsUsedWithin(long installationId, Map<String, String> granted) {
    PermissionsUsed used = emulator().permissionsUsed(installationId);
    List<String> beyond = used.beyond(granted);
    if (!beyond.isEmpty()) {
      throw new AssertionError(
          "installation "
              + installationId
              + " used more than "
              + new java.util.TreeMap<>(granted)
              + ": "
              + String.join("; ", beyond)
              + " (least that covers everything it did: "
              + used.least()
              + ")");
    }
  }

  /** The REST root, see {@link GitHubEmulator#baseUrl()}. */
  public URI baseUrl() {
    return emulator().baseUrl();
  }

  /**
   * The {@code Authorization} header value the admin API ({@code /_emulator/}) asks for: {@code
   * "Bearer " + adminToken()}, see {@link GitHubEmulator#adminToken()}.
   */
  public String adminAuthorization() {
    return "Bearer " + emulator().adminToken();
  }

  public EmulatedApp app(long id) {
    return emulator().app(id);
  }

  /** Every app, in id order, see {@link GitHubEmulator#apps()}. */
  public List<EmulatedApp> apps() {
    return emulator().apps();
  }

  private GitHubEmulator start() {
    GitHubEmulator.Builder builder = GitHubEmulator.builder();
    state.accept(builder);
    options.accept(builder);
    return builder.build().start();
  }

  private void stop() {
    GitHubEmulator current = emulator;
    emulator = null;
    if (current != null) {
      current.stop();
    }
  }

  private static void loadState(GitHubEmulator.Builder builder, String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    URL resource =
        loader == null ? null : loader.getResource(name.startsWith("/") ? name.substring(1) : name);
    if (resource == null) {
      Path file = Path.of(name);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "emulator state '"
                + name
                + "' is neither a classpath resource "
                + "nor a file (looked in "
                + file.toAbsolutePath()
                + ")");
      }
      builder.state(file);
      return;
    }
    if ("file".equals(resource.getProtocol())) {
      try {
        builder.state(Path.of(resource.toURI()));
        return;
      } catch (URISyntaxException e) {
        // fall through to reading the resource as text
      }
    }
    try (InputStream in = resource.openStream()) {
      builder.stateYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read emulator state resource " + name, e);
    }
  }
}
