package io.github.ghapp.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension: one emulator per class by default, a fresh one per test on request, faults never
 * leaking.
 */
class GitHubEmulatorExtensionTest {

  /** Every emulator the nested classes' extensions started, with its temporary data directory. */
  private static final List<GitHubEmulator> STARTED = new CopyOnWriteArrayList<>();

  private static final List<Path> DATA = new CopyOnWriteArrayList<>();

  private static GitHubEmulator seen(GitHubEmulatorExtension github) {
    GitHubEmulator emulator = github.emulator();
    if (!STARTED.contains(emulator)) {
      STARTED.add(emulator);
      DATA.add(emulator.dataDirectory());
    }
    return emulator;
  }

  /**
   * Runs after every nested class: each extension has stopped its emulators and deleted their data.
   */
  @AfterAll
  static void everyEmulatorStarted_isStoppedCleanly_withItsDataDirectoryDeleted() {
    assertThat(STARTED).hasSizeGreaterThanOrEqualTo(5);
    for (GitHubEmulator emulator : STARTED) {
      assertThatThrownBy(emulator::baseUrl)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stopped");
    }
    assertThat(DATA).allSatisfy(data -> assertThat(data).doesNotExist());
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class SharedPerClass {

    @RegisterExtension
    static final GitHubEmulatorExtension github =
        GitHubEmulatorExtension.fromState("extension-state.yaml");

    static final AtomicInteger firstPort = new AtomicInteger();

    @Test
    @Order(1)
    void first_changesStateAndInjectsAFault() {
      firstPort.set(seen(github).port());
      github.emulator().createAccount("added-in-first", "User");
      github.emulator().faults().failNext(10, 502);
    }

    @Test
    @Order(2)
    void second_seesTheSameEmulatorAndState_butNotTheFault() {
      assertThat(seen(github).port()).isEqualTo(firstPort.get());
      Http.Reply reply =
          Http.at(github.baseUrl())
              .bearer(Tokens.jwt(github.emulator(), 3003))
              .get("/users/added-in-first/installation");
      assertThat(reply.status())
          .as("no 502 left over; the account exists but has no installation")
          .isEqualTo(404);
    }

    @Test
    @Order(3)
    void fromState_readsTheClasspathResource() {
      assertThat(github.app(3003).clientId()).isEqualTo("Iv23liExtension");
      assertThat(github.baseUrl().toString()).startsWith("http://127.0.0.1:");
      assertThat(Tokens.mintReplyFor(github.emulator(), 3003, 300).status()).isEqualTo(201);
    }
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class FreshPerTest {

    @RegisterExtension
    static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo().freshPerTest();

    static final AtomicInteger firstPort = new AtomicInteger();

    @Test
    @Order(1)
    void first_createsAnAccount() {
      firstPort.set(seen(github).port());
      github.emulator().createAccount("only-in-first", "User");
    }

    @Test
    @Order(2)
    void second_runsOnANewEmulatorWithoutIt_theFirstBeingStoppedAlready() {
      GitHubEmulator first = STARTED.get(STARTED.size() - 1);
      assertThatThrownBy(first::baseUrl).isInstanceOf(IllegalStateException.class);
      assertThat(seen(github).port()).isNotEqualTo(firstPort.get());
      assertThat(github.app(1001).slug()).isEqualTo("octo-app");
      Http.Reply reply =
          Http.at(github.baseUrl())
              .bearer(Tokens.jwt(github.emulator(), 1001))
              .get("/users/only-in-first/installation");
      assertThat(reply.status()).isEqualTo(404);
    }
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class InAnInstanceField {

    @RegisterExtension final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();
    static final AtomicReference<GitHubEmulator> first = new AtomicReference<>();

    @Test
    @Order(1)
    void first_getsAnEmulator() {
      first.set(seen(github));
    }

    @Test
    @Order(2)
    void second_getsAFreshOne_onARandomPortOfLoopback() {
      assertThat(seen(github)).isNotSameAs(first.get());
      assertThat(github.baseUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(github.baseUrl().getPort()).isPositive();
      assertThatThrownBy(first.get()::baseUrl).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void outsideOfTests_theExtensionSaysWhenItsEmulatorRuns() {
    GitHubEmulatorExtension unused = GitHubEmulatorExtension.demo();

    assertThatThrownBy(unused::baseUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only while tests run");
  }
}
