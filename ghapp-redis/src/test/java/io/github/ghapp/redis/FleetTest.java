package io.github.ghapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ghapp.emulator.GitHubEmulator;
import io.github.ghapp.emulator.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of four JVMs ({@link FleetMember}), 50 callers each, sharing one Redis against one
 * emulator: a cold key costs one mint for the fleet, and a process killed with -9 while holding the
 * lease in mid-mint holds the others up only until its lease runs out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {
  static final int PROCESSES = 4;
  static final int CALLERS = 50;
  static final long LEASE_MILLIS = 1_000;
  static final Pattern DONE =
      Pattern.compile("DONE ok=(\\d+) tokens=([0-9a-f,]*) uncoordinated=(\\d+)");

  @TempDir static Path dir;
  static RedisServer redis;
  static GitHubEmulator emu;
  static final List<Member> members = new ArrayList<>();

  /** One child JVM and what it printed. */
  record Member(Process process, PrintStream in, BlockingQueue<String> lines) {
    String next(String prefix) throws InterruptedException {
      while (true) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
          throw new AssertionError("no '" + prefix + "' from process " + process.pid());
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    void go(String repository) {
      in.println("GO " + repository);
      in.flush();
    }
  }

  @BeforeAll
  static void startFleet() throws IOException, InterruptedException {
    redis = RedisServer.start(dir.resolve("redis"));
    emu = GitHubEmulator.builder().demoState().build().start();
    Path key = dir.resolve("app.pem");
    Files.writeString(key, emu.app(1001).privateKeyPem());
    Path logback = dir.resolve("logback-child.xml");
    Files.writeString(
        logback,
        "<configuration><appender name='err' class='ch.qos.logback.core.ConsoleAppender'>"
            + "<target>System.err</target><encoder><pattern>%d %-5level %logger{20} - %msg%n"
            + "</pattern></encoder></appender><root level='WARN'><appender-ref ref='err'/>"
            + "</root></configuration>");
    String classPath =
        Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
            .filter(p -> p != null && !p.isEmpty())
            .collect(Collectors.joining(java.io.File.pathSeparator));
    for (int i = 0; i < PROCESSES; i++) {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-XX:+UseSerialGC",
                  "-Xmx96m",
                  "-Dlogback.configurationFile=" + logback,
                  "-cp",
                  classPath,
                  FleetMember.class.getName(),
                  emu.baseUrl().toString(),
                  key.toString(),
                  redis.uri(),
                  String.valueOf(LEASE_MILLIS),
                  String.valueOf(CALLERS))
              .redirectError(dir.resolve("member" + i + ".err").toFile())
              .start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("EXIT " + e.getMessage());
                }
              });
      reader.setDaemon(true);
      reader.start();
      members.add(
          new Member(
              process,
              new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8),
              lines));
    }
    for (Member m : members) {
      m.next("READY");
    }
  }

  @AfterAll
  static void stopFleet() {
    members.forEach(m -> m.process().destroyForcibly());
    if (emu != null) {
      emu.close();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  @Test
  @Order(1)
  void fourProcessesWithFiftyCallersEach_onAColdKey_mintOnce() throws InterruptedException {
    long before = mints();
    members.forEach(m -> m.go("hello-world"));

    List<String> tokens = new ArrayList<>();
    for (Member m : members) {
      Matcher done = done(m);
      assertThat(done.group(1)).as("callers served").isEqualTo(String.valueOf(CALLERS));
      assertThat(done.group(3)).as("mints without the lease").isEqualTo("0");
      tokens.add(done.group(2));
    }
    assertThat(tokens).as("one token for the fleet").containsOnly(tokens.get(0));
    assertThat(mints() - before).isEqualTo(1);
  }

  @Test
  @Order(2)
  void holderKilledInMidMint_anotherProcessMintsOnceTheLeaseRunsOut() throws Exception {
    long before = mints();
    // The next request, the first member's mint, is held long past the lease.
    emu.faults().delayNext(1, Duration.ofSeconds(4));
    members.forEach(m -> m.go("docs"));

    Member holder = null;
    while (holder == null) {
      for (Member m : members) {
        String line = m.lines().poll(10, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith("HOLDING")) {
          holder = m;
        }
      }
    }
    holder.process().destroyForcibly(); // SIGKILL: no release, no renewal
    assertThat(holder.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

    List<String> tokens = new ArrayList<>();
    for (Member m : members) {
      if (m == holder) {
        continue;
      }
      Matcher done = done(m);
      assertThat(done.group(1)).as("callers served").isEqualTo(String.valueOf(CALLERS));
      assertThat(done.group(3)).as("mints without the lease").isEqualTo("0");
      tokens.add(done.group(2));
    }
    assertThat(tokens).as("the survivors share one token").containsOnly(tokens.get(0));
    assertThat(tokens.get(0)).doesNotContain(",");
    // the survivor's mint, and the dead holder's if the emulator has finished answering it yet
    assertThat(mints() - before).isBetween(1L, 2L);
  }

  private static Matcher done(Member m) throws InterruptedException {
    String line = m.next("DONE");
    Matcher done = DONE.matcher(line);
    assertThat(done.matches()).as(line).isTrue();
    return done;
  }

  private static long mints() {
    return emu.requests().stream().filter(RecordedRequest::isMint).count();
  }
}
