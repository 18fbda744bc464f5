package io.github.ghapp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.GitHubEmulatorExtension;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A listener that throws never fails the caller: each kind of failure is logged once at WARN; and
 * among {@link GitHubAppListener#all several listeners}, it keeps no event from the others.
 */
class GuardedListenerTest {
  @RegisterExtension static final GitHubEmulatorExtension github = GitHubEmulatorExtension.demo();

  /** Throws from every one of its methods. */
  private static final GitHubAppListener BROKEN =
      (GitHubAppListener)
          Proxy.newProxyInstance(
              GitHubAppListener.class.getClassLoader(),
              new Class<?>[] {GitHubAppListener.class},
              (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                  return method.getName().equals("toString") ? "BROKEN" : method.invoke(proxy);
                }
                throw new IllegalStateException("the listener broke in " + method.getName());
              });

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(GitHubAppListener.class);

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  @Test
  void listenerThrowingFromEveryEvent_callersSucceedAndEachEventIsWarnedOnce() {
    GitHubEmulator emu = github.emulator();
    GitHubApp app =
        EmulatorApps.builder(emu).retryBackoff(Duration.ofMillis(1)).listener(BROKEN).build();
    GitHubClient gh = app.installationClient(42);

    gh.request("GET /installation/repositories"); // refresh, mint, request, rate limit
    gh.request("GET /installation/repositories"); // the same events again, FRESH served
    emu.faults().failNext(1, 502);
    app.installations().byId(42); // a retry
    assertThatThrownBy(() -> app.tokenProvider(999).token()) // a failed refresh
        .isInstanceOf(NotFoundException.class);

    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(8)
        .allSatisfy(m -> assertThat(m).contains("threw from").contains("ignored"))
        .anySatisfy(m -> assertThat(m).contains("from tokenServed"))
        .anySatisfy(m -> assertThat(m).contains("from refreshStarted"))
        .anySatisfy(m -> assertThat(m).contains("from refreshSucceeded"))
        .anySatisfy(m -> assertThat(m).contains("from refreshFailed"))
        .anySatisfy(m -> assertThat(m).contains("from tokenMinted"))
        .anySatisfy(m -> assertThat(m).contains("from requestCompleted"))
        .anySatisfy(m -> assertThat(m).contains("from requestRetried"))
        .anySatisfy(m -> assertThat(m).contains("from rateLimitReported"));
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.DEBUG)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("from tokenServed again"));
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains(app.tokenProvider(42).token()));
  }

  @Test
  void of_defaultListener_isNotWrapped() {
    assertThat(GuardedListener.of(GitHubAppListener.NONE)).isSameAs(GitHubAppListener.NONE);
    assertThat(GuardedListener.of(BROKEN)).isInstanceOf(GuardedListener.class);
  }

  @Test
  void all_besideABrokenListener_eachOtherListenerHearsEveryEventInOrder() {
    RecordingListener first = new RecordingListener();
    RecordingListener second = new RecordingListener();
    GitHubApp app =
        EmulatorApps.builder(github.emulator())
            .listener(GitHubAppListener.all(first, BROKEN, second))
            .build();

    app.installationClient(42).request("GET /installation/repositories");
    app.tokenProvider(42).token();

    assertThat(first.events())
        .contains(
            "refreshStarted 42",
            "served 42 WAITED",
            "completed GET /installation/repositories 200",
            "served 42 FRESH")
        .isEqualTo(second.events());
  }

  @Test
  void all_ofNoneOrOne_isNoneOrThatOneGuarded() {
    assertThat(GitHubAppListener.all()).isSameAs(GitHubAppListener.NONE);
    assertThat(GitHubAppListener.all(GitHubAppListener.NONE, GitHubAppListener.NONE))
        .isSameAs(GitHubAppListener.NONE);
    assertThat(GitHubAppListener.all(BROKEN)).isInstanceOf(GuardedListener.class);
    assertThat(GuardedListener.of(GitHubAppListener.all(BROKEN, BROKEN)))
        .isInstanceOf(AllListeners.class);
  }
}
