package io.github.ghapp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ghapp} launcher, run by the shell in a project of its own with stand-ins for java
 * (which notes how it was started) and mvn (which notes the build and makes the jar): it builds
 * only when a source is newer than the jar, runs the project's jar from any directory and through
 * symlinks, keeps standard output for the command, and says in one line what is missing.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "ghapp").toAbsolutePath().normalize();

  /** What the launcher needs of the system besides java and mvn. */
  private static final List<String> TOOLS =
      List.of(
          "sh",
          "dirname",
          "readlink",
          "find",
          "head",
          "sed",
          "mkdir",
          "rmdir",
          "mktemp",
          "grep",
          "rm",
          "mv",
          "cat",
          "touch",
          "sleep");

  @TempDir Path dir;
  Path root;
  Path jar;
  Path tools;
  Path maven;
  Path jdk;
  Path log;
  final Map<String, String> extraEnvironment = new HashMap<>();

  /** What one run of the launcher printed, separately, and its exit code. */
  record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void aProjectWithStandInsForJavaAndMaven() throws IOException {
    root = dir.resolve("project").toAbsolutePath();
    Files.createDirectories(root.resolve("ghapp-cli/src/main/java"));
    Files.writeString(root.resolve("ghapp-cli/src/main/java/Ghapp.java"), "class Ghapp {}\n");
    Files.writeString(root.resolve("ghapp-cli/pom.xml"), "<project/>\n");
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.copy(LAUNCHER, root.resolve("ghapp"), StandardCopyOption.COPY_ATTRIBUTES);
    root = root.toRealPath(); // the launcher resolves its own directory physically (pwd -P)
    jar = root.resolve("ghapp-cli/target/ghapp.jar");
    log = dir.resolve("calls.log");
    Files.writeString(log, "");

    tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : TOOLS) {
      Path system =
          Files.exists(Path.of("/usr/bin", tool))
              ? Path.of("/usr/bin", tool)
              : Path.of("/bin", tool);
      Files.createSymbolicLink(tools.resolve(tool), system);
    }
    jdk = dir.resolve("jdk");
    script(
        jdk.resolve("bin/java"),
        "case $1 in -version) echo 'openjdk version \"17.0.9\" 2023-10-17' >&2; exit 0;; esac",
        "echo \"java $*\" >>'" + log + "'",
        "echo 'the command ran'");
    maven = dir.resolve("maven");
    script(
        maven.resolve("mvn"),
        "echo \"mvn $*\" >>'" + log + "'",
        "mkdir -p ghapp-cli/target && echo jar >ghapp-cli/target/ghapp.jar");
  }

  @Test
  void firstRun_buildsThenRunsTheJar_andTheNextRunDoesNotBuildAgain() throws Exception {
    Run first = launcher(root, root.resolve("ghapp"), true, true, "--version");
    Run second = launcher(root, root.resolve("ghapp"), true, true, "--version");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .as("standard output is the command's alone")
        .isEqualTo("the command ran\n");
    assertThat(first.err()).startsWith("ghapp: building");
    assertThat(second.exitCode()).isZero();
    assertThat(second.err()).isEmpty();
    assertThat(calls())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("mvn -q -B")
        .contains("-pl ghapp-cli -am package");
    assertThat(calls().subList(1, 3))
        .allSatisfy(call -> assertThat(call).endsWith(" -jar " + jar + " --version"));
  }

  @Test
  void ghappJava_isTheJavaThatRuns_overJavaHome() throws Exception {
    Path chosen = dir.resolve("chosen/bin/java");
    script(chosen, "echo \"chosen-java $*\" >>'" + log + "'", "echo 'the command ran'");
    extraEnvironment.put("GHAPP_JAVA", chosen.toString());

    Run run = launcher(root, root.resolve("ghapp"), true, true, "--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(calls())
        .filteredOn(call -> call.startsWith("chosen-java "))
        .anyMatch(call -> call.endsWith(" -jar " + jar + " --version"));
    assertThat(calls()).noneMatch(call -> call.startsWith("java "));
  }

  @Test
  void aSourceChangedSinceTheBuild_buildsAgain() throws Exception {
    launcher(root, root.resolve("ghapp"), true, true, "--version");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));

    Run run = launcher(root, root.resolve("ghapp"), true, true, "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(calls()).filteredOn(call -> call.startsWith("mvn ")).hasSize(2);
  }

  @Test
  void fromAnotherDirectoryThroughASymlink_runsTheProjectsJar() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path link = Files.createDirectories(dir.resolve("links")).resolve("ghapp");
    Files.createSymbolicLink(link, Path.of("../project/ghapp"));

    Run run = launcher(elsewhere, link, true, true, "token", "--repo", "octo-org/hello-world");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(calls())
        .last()
        .asString()
        .endsWith(" -jar " + jar + " token --repo octo-org/hello-world");
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void withoutJava_saysSoInOneLineAndExits2() throws Exception {
    Run run = launcher(root, root.resolve("ghapp"), false, true, "--version");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("ghapp: Java 17 or newer is needed")
        .contains("JAVA_HOME");
  }

  @Test
  void withoutMaven_whenABuildIsDue_saysSoInOneLineAndExits2_butRunsABuiltJar() throws Exception {
    Run due = launcher(root, root.resolve("ghapp"), true, false, "--version");
    launcher(root, root.resolve("ghapp"), true, true, "--version");
    Run built = launcher(root, root.resolve("ghapp"), true, false, "--version");

    assertThat(due.exitCode()).isEqualTo(2);
    assertThat(due.err().lines())
        .singleElement()
        .asString()
        .startsWith("ghapp: Maven (mvn) is needed");
    assertThat(built.exitCode()).isZero();
    assertThat(built.out()).isEqualTo("the command ran\n");
  }

  @Test
  void aBuildLockLeftByAKilledBuild_isTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path lock = Files.createDirectories(root.resolve("ghapp-cli/target/.build-lock"));
    Files.writeString(lock.resolve("pid"), gone.pid() + "\n");

    Run run = launcher(root, root.resolve("ghapp"), true, true, "--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(calls()).first().asString().startsWith("mvn ");
    assertThat(lock).doesNotExist();
  }

  @Test
  void aFailedBuild_showsMavensOutputAndExits2() throws Exception {
    script(
        maven.resolve("mvn"),
        "echo '[ERROR] Ghapp.java:[1,7] class, interface, enum, or record expected'",
        "exit 1");

    Run run = launcher(root, root.resolve("ghapp"), true, true, "--version");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("[ERROR] Ghapp.java:[1,7]", "ghapp: the build failed");
    assertThat(calls()).as("nothing ran").isEmpty();
  }

  private Run launcher(Path cwd, Path launcher, boolean withJava, boolean withMaven, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder process =
        new ProcessBuilder(Processes.concat(List.of(launcher.toString()), args))
            .directory(cwd.toFile());
    Map<String, String> env = process.environment();
    env.clear();
    env.put("HOME", dir.toString());
    env.put("GHAPP_CDS", "0"); // no training run: the stand-in java could not make an archive
    env.put("PATH", (withMaven ? maven + ":" : "") + tools);
    if (withJava) {
      env.put("JAVA_HOME", jdk.toString());
    }
    env.putAll(extraEnvironment);
    Path err = dir.resolve("stderr");
    Process p =
        process
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private List<String> calls() throws IOException {
    return Files.readAllLines(log);
  }

  private static void script(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
